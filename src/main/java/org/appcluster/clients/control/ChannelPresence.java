package org.appcluster.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.appcluster.clients.send.OutboundFrame;
import org.appcluster.presence.control.ClusterPresence;
import org.appcluster.presence.entity.PresenceChange;

/**
 * Presence on broadcast channels: a signed-in socket that subscribes to a channel with
 * {@code "presence":true} counts as online there until it unsubscribes or closes, and every such
 * socket of the channel gets a {@code presence} frame on joining and whenever a user joins or
 * leaves, on whichever node. Which socket counts where changes only under
 * {@link ClusterPresence#atomically}, with the counts: a socket that closes while it asks is
 * never left counted, and a newcomer's first view is never older than a change it got.
 */
@ApplicationScoped
public class ChannelPresence {

    @Inject
    ClusterPresence cluster;

    @Inject
    ClientRegistry registry;

    /** Channel → the sockets of this node counted in its presence. */
    private final Map<String, Set<ClientConnection>> present = new HashMap<>();
    /** Socket → the channels it is counted in; only sockets that asked. */
    private final Map<ClientConnection, Set<String>> channelsOf = new HashMap<>();

    void join(ClientConnection client, String channel) {
        cluster.atomically(() -> {
            if (!registry.holds(client)) {
                return; // closed meanwhile: its close has already left everything
            }
            boolean added = present.computeIfAbsent(channel, key -> new HashSet<>()).add(client);
            channelsOf.computeIfAbsent(client, key -> new HashSet<>()).add(channel);
            // Asked again on the same socket (a second widget), it is told who is here without counting twice.
            if (!added || cluster.join(channel, client.username())) {
                client.send(ClientFrames.presence(PresenceChange.snapshot(channel, cluster.of(channel))));
            }
        });
    }

    void leave(ClientConnection client, String channel) {
        cluster.atomically(() -> {
            Set<String> channels = channelsOf.get(client);
            if (channels != null && channels.remove(channel)) {
                if (channels.isEmpty()) {
                    channelsOf.remove(client);
                }
                uncount(client, channel);
            }
        });
    }

    /** A closed socket leaves every channel it was counted in. */
    public void leaveAll(ClientConnection client) {
        cluster.atomically(() -> {
            Set<String> channels = channelsOf.remove(client);
            if (channels != null) {
                channels.forEach(channel -> uncount(client, channel));
            }
        });
    }

    private void uncount(ClientConnection client, String channel) {
        Set<ClientConnection> sockets = present.get(channel);
        sockets.remove(client);
        if (sockets.isEmpty()) {
            present.remove(channel);
        }
        cluster.leave(channel, client.username());
    }

    /** Broadcast channels; namespace rooms are paths, which start with a slash. Runs under the presence lock. */
    void changed(@Observes PresenceChange change) {
        Set<ClientConnection> sockets = present.get(change.room());
        if (change.room().startsWith("/") || sockets == null) {
            return;
        }
        OutboundFrame frame = OutboundFrame.of(ClientFrames.presence(change));
        // A copy: a send that closes a slow socket leaves its channels from within this loop.
        Set.copyOf(sockets).forEach(socket -> socket.send(frame));
    }
}
