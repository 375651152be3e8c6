package org.appcluster.broadcast.entity;

/** A valid channel that this caller may not use; the message says why. */
public class ForbiddenChannelException extends RuntimeException {

    public ForbiddenChannelException(String channel, String why) {
        super("Channel '" + (channel.length() <= 120 ? channel : channel.substring(0, 120) + "…") + "' is not allowed here: " + why);
    }
}
