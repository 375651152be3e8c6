package org.appcluster.notifications.entity;

/** Fired after a notification was stored; {@code senderUuid} is the browser that sent it, if any. */
public record NotificationSent(Notification notification, String senderUuid) {
}
