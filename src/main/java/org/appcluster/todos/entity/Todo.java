package org.appcluster.todos.entity;

import java.time.Instant;

/** A stored to-do item; {@code createdBy} is the display name of whoever added it. */
public record Todo(String id, String title, boolean done, String createdBy, Instant createdAt, Instant updatedAt) {
}
