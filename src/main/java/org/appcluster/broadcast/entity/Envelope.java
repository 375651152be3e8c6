package org.appcluster.broadcast.entity;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbCreator;

/**
 * One broadcast as it travels between nodes. {@code data} is the publisher's payload; {@code ctx}
 * carries who published it, never where from. {@code senderUuid}, when set, is the browser that
 * caused it: its {@code omitSelf} subscriptions skip it, and only its own frame names it, so no
 * client learns another's uuid. {@code excludeUuid}, when set, is a browser that asked not to
 * receive its own message whatever it subscribed with. {@code recipient}, when set, is the one
 * signed-in user whose sockets may get it: nobody else's subscription matches it.
 * <p>
 * On a channel with history, Redis adds {@code offset} (1, 2, 3… per history stream) and
 * {@code epoch} (which changes whenever the stored history may have been lost). Offset 0 is no
 * message but a marker: that stream's history restarted at {@code epoch}.
 */
public record Envelope(String id, String channel, JsonObject data, String instanceId, String timestamp,
                       JsonObject ctx, String excludeUuid, String senderUuid, Long offset, String epoch, String recipient) {

    @JsonbCreator
    public Envelope {
    }

    /** A message without history position, as published. */
    public Envelope(String id, String channel, JsonObject data, String instanceId, String timestamp,
            JsonObject ctx, String excludeUuid, String senderUuid) {
        this(id, channel, data, instanceId, timestamp, ctx, excludeUuid, senderUuid, null, null, null);
    }

    /** Whether this announces a restarted history instead of carrying a message. */
    public boolean isHistoryReset() {
        return offset != null && offset == 0;
    }

    public HistoryPosition position() {
        return offset == null ? null : new HistoryPosition(epoch, offset);
    }
}
