package org.appcluster.chat.entity;

import java.time.Instant;

/** A user's chat status, {@code available} or {@code away}, and when it was set. */
public record UserStatus(String username, String status, Instant at) {
}
