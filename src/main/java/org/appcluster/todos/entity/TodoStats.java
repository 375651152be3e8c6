package org.appcluster.todos.entity;

/** Counts for the list's summary line. */
public record TodoStats(long total, long done, long open) {
}
