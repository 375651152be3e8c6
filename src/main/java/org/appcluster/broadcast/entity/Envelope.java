package org.appcluster.broadcast.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One broadcast as it travels between nodes. {@code data} is the publisher's payload (its
 * {@code uuid}, when present, names the browser that caused it); {@code ctx} carries who published
 * it, never where from. {@code excludeUuid}, when set, is a browser that asked not to receive its
 * own message whatever it subscribed with.
 */
public record Envelope(String id, String channel, JsonObject data, String instanceId, String timestamp,
                       JsonObject ctx, String excludeUuid) {

    /** The publishing browser's uuid, which {@code omitSelf} subscriptions compare against. */
    public String senderUuid() {
        return data.containsKey("uuid") && data.get("uuid").getValueType() == JsonValue.ValueType.STRING
                ? data.getString("uuid")
                : null;
    }
}
