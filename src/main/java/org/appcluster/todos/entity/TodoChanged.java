package org.appcluster.todos.entity;

/** Fired after a to-do was stored or removed: {@code action} is created, toggled or deleted. */
public record TodoChanged(String action, Todo todo, String user, String uuid) {
}
