package org.appcluster.broadcast.entity;

import java.util.Locale;
import java.util.Optional;

/** The first segment of every channel; it says who may use the channel and the callback defaults. */
public enum Layer {
    MODEL, VIEW, CONTROLLER;

    /** Browsers only ever see and publish {@code view:} traffic. */
    public boolean isClientFacing() {
        return this == VIEW;
    }

    /**
     * Server callbacks skip their own instance's messages by default on server-to-server layers,
     * where a node reacting to its own cache or health broadcast would do the work twice.
     */
    public boolean omitsSelfByDefault() {
        return this != VIEW;
    }

    public String segment() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Layer> ofSegment(String segment) {
        for (Layer layer : values()) {
            if (layer.segment().equals(segment)) {
                return Optional.of(layer);
            }
        }
        return Optional.empty();
    }
}
