package org.appcluster.notifications.entity;

import java.time.Instant;

/** A stored global notification. */
public record Notification(String id, String message, String level, boolean critical, Instant createdAt,
                           String requestId) {
}
