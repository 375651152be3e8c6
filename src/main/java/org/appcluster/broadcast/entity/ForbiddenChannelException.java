package org.appcluster.broadcast.entity;

/** A valid channel that this caller may not use: browsers are confined to {@code view:}. */
public class ForbiddenChannelException extends RuntimeException {

    public ForbiddenChannelException(String channel) {
        super("Channel '" + (channel.length() <= 120 ? channel : channel.substring(0, 120) + "…") + "' is not allowed here: browsers and anonymous callers may only use view:* channels");
    }
}
