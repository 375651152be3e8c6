package org.appcluster.namespaces.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.appcluster.presence.control.ClusterPresence;
import org.appcluster.presence.entity.PresenceChange;

/**
 * The cluster's presence for the rooms of namespaces that track it: a socket counts from when its
 * namespace accepted it until it closes, and its room's sockets here get a {@code presence}
 * message on connect and whenever a user joins or leaves.
 */
@ApplicationScoped
public class NamespacePresence {

    @Inject
    ClusterPresence cluster;

    @Inject
    NamespaceSockets sockets;

    /** Under the presence lock, so a socket that closes meanwhile is never left counted. */
    void joined(NamespaceConnection connection) {
        cluster.atomically(() -> {
            if (!sockets.holds(connection) || !connection.markPresent(true)) {
                return;
            }
            String path = connection.client().path();
            if (cluster.join(path, connection.client().username())) {
                connection.socket().send(frame(PresenceChange.snapshot(path, cluster.of(path))));
            }
        });
    }

    void left(NamespaceConnection connection) {
        cluster.atomically(() -> {
            if (connection.markPresent(false)) {
                cluster.leave(connection.client().path(), connection.client().username());
            }
        });
    }

    /** Namespace rooms are paths; broadcast channels never start with a slash. */
    void changed(@Observes PresenceChange change) {
        String path = change.room();
        if (path.startsWith("/")) {
            sockets.deliver(path, client -> client.path().equals(path), frame(change));
        }
    }

    private static String frame(PresenceChange change) {
        return NamespaceFrames.message(change.toJson("path").add("type", "presence").build(), "", null);
    }
}
