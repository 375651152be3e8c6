package org.appcluster.broadcast.entity;

import jakarta.json.JsonObject;

/**
 * One message to publish: its channel and data, the publisher's context subscribers may see
 * ({@code ctx}), the browser that caused it ({@code senderUuid}, verified, or null) and a browser
 * that must not get it back ({@code excludeUuid}, or null).
 */
public record Publication(ChannelName channel, JsonObject data, JsonObject ctx, String senderUuid, String excludeUuid, String recipient) {

    public Publication(ChannelName channel, JsonObject data, JsonObject ctx, String senderUuid, String excludeUuid) {
        this(channel, data, ctx, senderUuid, excludeUuid, null);
    }
}
