package org.appcluster.chat.entity;

/** A stored status change, to be announced; {@code uuid} is the verified page that made it, or null. */
public record StatusChanged(UserStatus status, String uuid) {
}
