package org.appcluster.clients.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.HistoryPosition;
import org.appcluster.clients.send.OutboundFrame;

/**
 * Joins a socket's history replay to its live messages. While a subscription reads what it
 * missed, live frames it would get are held back; when the replay is sent, those that come after
 * the replayed position follow and the rest, already replayed or before it, are dropped. This
 * node may receive a message through pub/sub after Redis answered the read that included it, so
 * live frames at or before the replayed position are dropped later too. One lock orders every
 * frame of the socket that goes through here.
 */
final class ReplayGate {

    private final Set<ChannelPattern> replaying = new HashSet<>();
    private final List<Held> held = new ArrayList<>();
    private final Map<ChannelPattern, HistoryPosition> replayedUpTo = new HashMap<>();

    /** A live broadcast: sent now, unless a subscription matching it is being replayed. */
    synchronized void deliver(Envelope envelope, OutboundFrame frame, Consumer<OutboundFrame> send) {
        if (!replaying.isEmpty() && matchesReplaying(envelope.channel())) {
            held.add(new Held(envelope, frame));
            return;
        }
        if (replayedUpTo.isEmpty() || !alreadyReplayed(envelope)) {
            send.accept(frame);
        }
    }

    /**
     * Whether the subscription started within history epoch {@code epoch}: it was told that epoch
     * when it subscribed, so a restart into it took nothing from this client.
     */
    synchronized boolean subscribedIn(ChannelPattern pattern, String epoch) {
        HistoryPosition position = replayedUpTo.get(pattern);
        return position != null && position.epoch().equals(epoch);
    }

    /** The subscription ended: a later one starts afresh. */
    synchronized void forget(ChannelPattern pattern) {
        replayedUpTo.remove(pattern);
    }

    /** Called before the subscription is added, so nothing it receives can pass the replay. */
    synchronized void hold(ChannelPattern pattern) {
        replaying.add(pattern);
    }

    /**
     * Sends {@code frames} (the replay and the answer to the subscribe), then the live frames held
     * meanwhile that come after {@code upTo} (null: all of them).
     */
    synchronized void release(ChannelPattern pattern, List<OutboundFrame> frames, HistoryPosition upTo, Consumer<OutboundFrame> send) {
        frames.forEach(send);
        replaying.remove(pattern);
        if (upTo != null) {
            replayedUpTo.put(pattern, upTo);
        }
        for (Iterator<Held> it = held.iterator(); it.hasNext();) {
            Held next = it.next();
            if (matchesReplaying(next.envelope().channel())) {
                continue;
            }
            it.remove();
            if (!alreadyReplayed(next.envelope())) {
                send.accept(next.frame());
            }
        }
    }

    private boolean alreadyReplayed(Envelope envelope) {
        HistoryPosition position = envelope.position();
        if (position == null) {
            return false;
        }
        for (Map.Entry<ChannelPattern, HistoryPosition> replayed : replayedUpTo.entrySet()) {
            if (replayed.getKey().matches(envelope.channel()) && position.precedes(replayed.getValue())) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesReplaying(String channel) {
        for (ChannelPattern pattern : replaying) {
            if (pattern.matches(channel)) {
                return true;
            }
        }
        return false;
    }

    private record Held(Envelope envelope, OutboundFrame frame) {
    }
}
