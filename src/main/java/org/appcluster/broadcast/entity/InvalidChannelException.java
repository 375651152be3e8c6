package org.appcluster.broadcast.entity;

/** A channel or pattern that breaks the naming rules; the message says which rule. */
public class InvalidChannelException extends IllegalArgumentException {

    public InvalidChannelException(String channel, String reason) {
        super("Invalid channel '" + abbreviate(channel) + "': " + reason);
    }

    private static String abbreviate(String channel) {
        if (channel == null) {
            return "null";
        }
        return channel.length() <= 120 ? channel : channel.substring(0, 120) + "…";
    }
}
