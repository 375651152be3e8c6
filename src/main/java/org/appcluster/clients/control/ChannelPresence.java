package org.appcluster.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.appcluster.clients.send.OutboundFrame;
import org.appcluster.presence.control.ClusterPresence;
import org.appcluster.presence.entity.PresenceChange;

/**
 * Presence on broadcast channels: a signed-in socket that subscribes to a channel with
 * {@code "presence":true} counts as online there until it unsubscribes or closes, and every such
 * socket of the channel gets a {@code presence} frame on joining and whenever a user joins or
 * leaves, on whichever node.
 */
@ApplicationScoped
public class ChannelPresence {

    @Inject
    ClusterPresence cluster;

    /** Channel → the sockets of this node counted in its presence. */
    private final Map<String, Set<ClientConnection>> present = new ConcurrentHashMap<>();

    void join(ClientConnection client, String channel) {
        AtomicBoolean added = new AtomicBoolean();
        present.compute(channel, (key, sockets) -> {
            Set<ClientConnection> counted = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            added.set(counted.add(client));
            return counted;
        });
        // Asked again on the same socket (a second widget), it is told who is here without counting twice.
        if (!added.get() || cluster.join(channel, client.username())) {
            client.send(ClientFrames.presence(PresenceChange.snapshot(channel, cluster.of(channel))));
        }
    }

    void leave(ClientConnection client, String channel) {
        AtomicBoolean removed = new AtomicBoolean();
        present.computeIfPresent(channel, (key, sockets) -> {
            removed.set(sockets.remove(client));
            return sockets.isEmpty() ? null : sockets;
        });
        if (removed.get()) {
            cluster.leave(channel, client.username());
        }
    }

    /** A closed socket leaves every channel it was counted in. */
    public void leaveAll(ClientConnection client) {
        present.keySet().forEach(channel -> leave(client, channel));
    }

    /** Broadcast channels; namespace rooms are paths, which start with a slash. */
    void changed(@Observes PresenceChange change) {
        Set<ClientConnection> sockets = present.get(change.room());
        if (change.room().startsWith("/") || sockets == null) {
            return;
        }
        OutboundFrame frame = OutboundFrame.of(ClientFrames.presence(change));
        sockets.forEach(socket -> socket.send(frame));
    }
}
