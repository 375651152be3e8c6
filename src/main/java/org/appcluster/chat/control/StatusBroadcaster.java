package org.appcluster.chat.control;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.chat.entity.StatusChanged;

/**
 * Announces each stored status change to every page on {@code view:chat:user:status}, a channel
 * only the server publishes on (see {@code channels.server-owned}); the page that made the change
 * is named, so its {@code omitSelf} subscription skips it.
 */
@Singleton
@Lock(LockType.READ)
public class StatusBroadcaster {

    public static final String CHANNEL = "view:chat:user:status";

    @Inject
    Broadcaster broadcaster;

    public void onStatusChanged(@Observes StatusChanged change) {
        broadcaster.publishFrom(change.uuid(), CHANNEL, Map.of(
                "username", change.status().username(),
                "userId", change.status().username(),
                "status", change.status().status(),
                "timestamp", change.status().at().toString()));
    }
}
