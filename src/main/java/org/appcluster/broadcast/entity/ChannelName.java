package org.appcluster.broadcast.entity;

import java.util.regex.Pattern;

/**
 * A concrete channel, {@code <layer>:<component>:<domain>:<action>[:<more>]*}: the only kind of
 * name a message is published on. Server code, REST and WebSocket all validate through here.
 */
public record ChannelName(String value, Layer layer) {

    static final int MIN_SEGMENTS_AFTER_LAYER = 3;
    static final int MAX_SEGMENTS_AFTER_LAYER = 16;
    static final int MAX_LENGTH = 256;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

    public static ChannelName parse(String channel) {
        String[] segments = split(channel);
        if (segments.length - 1 < MIN_SEGMENTS_AFTER_LAYER) {
            throw new InvalidChannelException(channel,
                    "expected <layer>:<component>:<domain>:<action>, at least 3 segments after the layer");
        }
        for (int i = 1; i < segments.length; i++) {
            requireSegment(channel, segments[i]);
        }
        return new ChannelName(channel, layerOf(channel, segments[0]));
    }

    static String[] split(String channel) {
        if (channel == null || channel.isEmpty()) {
            throw new InvalidChannelException(channel, "channel is required");
        }
        if (channel.length() > MAX_LENGTH) {
            throw new InvalidChannelException(channel, "at most " + MAX_LENGTH + " characters");
        }
        String[] segments = channel.split(":", -1);
        if (segments.length - 1 > MAX_SEGMENTS_AFTER_LAYER) {
            throw new InvalidChannelException(channel, "at most 16 segments after the layer");
        }
        return segments;
    }

    static Layer layerOf(String channel, String segment) {
        return Layer.ofSegment(segment).orElseThrow(() -> new InvalidChannelException(channel,
                "layer must be one of model, view, controller"));
    }

    static void requireSegment(String channel, String segment) {
        if (!SEGMENT.matcher(segment).matches()) {
            throw new InvalidChannelException(channel,
                    "segments must be non-empty and use only letters, digits, '_', '.', '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
