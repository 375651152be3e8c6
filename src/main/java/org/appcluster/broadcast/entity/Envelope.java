package org.appcluster.broadcast.entity;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.JsonValue;

/**
 * One broadcast as it travels between nodes. {@code data} is the publisher's payload (its
 * {@code uuid}, when present, names the browser that caused it); {@code ctx} carries who published
 * it, never where from. {@code excludeUuid}, when set, is a browser that asked not to receive its
 * own message whatever it subscribed with.
 * <p>
 * On a channel with history, Redis adds {@code offset} (1, 2, 3… per history stream) and
 * {@code epoch} (which changes whenever the stored history may have been lost). Offset 0 is no
 * message but a marker: that stream's history restarted at {@code epoch}.
 */
public record Envelope(String id, String channel, JsonObject data, String instanceId, String timestamp,
                       JsonObject ctx, String excludeUuid, Long offset, String epoch) {

    @JsonbCreator
    public Envelope {
    }

    /** A message without history position, as published. */
    public Envelope(String id, String channel, JsonObject data, String instanceId, String timestamp,
            JsonObject ctx, String excludeUuid) {
        this(id, channel, data, instanceId, timestamp, ctx, excludeUuid, null, null);
    }

    /** Whether this announces a restarted history instead of carrying a message. */
    public boolean isHistoryReset() {
        return offset != null && offset == 0;
    }

    public HistoryPosition position() {
        return offset == null ? null : new HistoryPosition(epoch, offset);
    }

    /** The publishing browser's uuid, which {@code omitSelf} subscriptions compare against. */
    public String senderUuid() {
        return data.containsKey("uuid") && data.get("uuid").getValueType() == JsonValue.ValueType.STRING
                ? data.getString("uuid")
                : null;
    }
}
