package org.appcluster.notifications.control;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.notifications.entity.Notification;
import org.appcluster.notifications.entity.NotificationSent;

/**
 * Tells every page on every node about a stored notification. It only ever sees notifications
 * that were written, because the resource fires the event after the store returned.
 */
@Singleton
@Lock(LockType.READ)
public class NotificationBroadcaster {

    public static final String CHANNEL = "view:system:notification:global";
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Broadcaster broadcaster;

    public void onNotificationSent(@Observes NotificationSent event) {
        Notification notification = event.notification();
        JsonObjectBuilder payload = JSON.createObjectBuilder()
                .add("id", notification.id())
                .add("message", notification.message())
                .add("level", notification.level())
                .add("critical", notification.critical())
                .add("timestamp", notification.createdAt().toString());
        broadcaster.publishFrom(event.senderUuid(), CHANNEL, payload.build());
    }
}
