package org.appcluster.clients.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.HistoryPosition;

/**
 * Joins a socket's history replay to its live messages. While a subscription reads what it
 * missed, live frames it would get are held back; when the replay is sent, those that come after
 * the replayed position follow and the rest, already replayed or before it, are dropped. One lock
 * orders every frame of the socket that goes through here.
 */
final class ReplayGate {

    private final Set<ChannelPattern> replaying = new HashSet<>();
    private final List<Held> held = new ArrayList<>();

    /** A live broadcast: sent now, unless a subscription matching it is being replayed. */
    synchronized void deliver(Envelope envelope, String frame, Consumer<String> send) {
        if (!replaying.isEmpty() && matchesReplaying(envelope.channel())) {
            held.add(new Held(envelope, frame));
            return;
        }
        send.accept(frame);
    }

    /** Called before the subscription is added, so nothing it receives can pass the replay. */
    synchronized void hold(ChannelPattern pattern) {
        replaying.add(pattern);
    }

    /**
     * Sends {@code frames} (the replay and the answer to the subscribe), then the live frames held
     * meanwhile that come after {@code upTo} (null: all of them).
     */
    synchronized void release(ChannelPattern pattern, List<String> frames, HistoryPosition upTo, Consumer<String> send) {
        frames.forEach(send);
        replaying.remove(pattern);
        for (Iterator<Held> it = held.iterator(); it.hasNext();) {
            Held next = it.next();
            if (matchesReplaying(next.envelope().channel())) {
                continue;
            }
            it.remove();
            HistoryPosition position = next.envelope().position();
            boolean replayed = upTo != null && position != null && pattern.matches(next.envelope().channel())
                    && position.precedes(upTo);
            if (!replayed) {
                send.accept(next.frame());
            }
        }
    }

    private boolean matchesReplaying(String channel) {
        for (ChannelPattern pattern : replaying) {
            if (pattern.matches(channel)) {
                return true;
            }
        }
        return false;
    }

    private record Held(Envelope envelope, String frame) {
    }
}
