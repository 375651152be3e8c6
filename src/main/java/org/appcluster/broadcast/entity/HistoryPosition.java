package org.appcluster.broadcast.entity;

/**
 * A place in one channel history: the last offset seen within an epoch. Offsets of different
 * epochs are not comparable; a client holding an old epoch has missed something.
 */
public record HistoryPosition(String epoch, long offset) {

    /** Whether {@code later} is this history, further on (or at the same place). */
    public boolean precedes(HistoryPosition later) {
        return later != null && epoch.equals(later.epoch) && offset <= later.offset;
    }
}
