package org.appcluster.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.function.LongSupplier;
import org.appcluster.broadcast.control.ChannelPolicy;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.ForbiddenChannelException;
import org.appcluster.broadcast.entity.HistoryPosition;
import org.appcluster.broadcast.entity.InvalidChannelException;
import org.appcluster.infra.RateWindow;

/**
 * What a browser may say on the socket: subscribe (with {@code "presence":true} to be counted on
 * the channel and see who else is, {@code false} to stop), unsubscribe, ping. Anything else is answered with an error frame on that
 * socket alone; the socket stays open.
 */
@ApplicationScoped
public class ClientMessages {

    @Inject
    ClientRegistry registry;

    @Inject
    ChannelPolicy policy;

    @Inject
    ChannelPresence presence;

    LongSupplier clock = System::nanoTime;

    public void handle(ClientConnection client, String text) {
        int refused = client.rate().acquire(clock.getAsLong());
        if (refused > 0) {
            if (refused == 1) {
                client.send(ClientFrames.error("RATE_LIMIT_EXCEEDED", "More than " + ClientLimits.MAX_MESSAGES
                        + " messages in " + ClientLimits.INTERVAL_MILLIS + " ms: messages dropped until the next interval"));
            }
            return;
        }
        if (SocketText.tooLarge(text, ClientLimits.MAX_FRAME_BYTES)) {
            client.send(ClientFrames.error("MESSAGE_TOO_LARGE", "Message exceeds " + ClientLimits.MAX_FRAME_BYTES + " bytes"));
            return;
        }
        try {
            JsonObject message = SocketText.parseObject(text);
            switch (stringField(message, "type")) {
                case "subscribe" -> subscribe(client, message);
                case "unsubscribe" -> unsubscribe(client, message);
                case "ping" -> client.send(ClientFrames.pong());
                default -> client.send(ClientFrames.error("UNKNOWN_TYPE",
                        "Unknown message type; expected subscribe, unsubscribe or ping"));
            }
        } catch (SocketText.InvalidSocketMessage e) {
            client.send(ClientFrames.error("INVALID_MESSAGE", e.getMessage()));
        } catch (InvalidChannelException e) {
            client.send(ClientFrames.error("INVALID_CHANNEL", e.getMessage()));
        } catch (ForbiddenChannelException e) {
            client.send(ClientFrames.error("FORBIDDEN_CHANNEL", e.getMessage()));
        }
    }

    /** Binary frames count against the rate limit like any message, and are refused. */
    public void refuseBinary(ClientConnection client) {
        int refused = client.rate().acquire(clock.getAsLong());
        if (refused == 0) {
            client.send(ClientFrames.error("UNSUPPORTED_FRAME", "Binary frames are not part of the protocol: send JSON text"));
        }
    }

    private void subscribe(ClientConnection client, JsonObject message) {
        String channel = stringField(message, "channel");
        ChannelPattern pattern = policy.browserSubscription(channel);
        boolean omitSelf = Boolean.TRUE.equals(booleanField(message, "omitSelf"));
        Boolean presenceField = booleanField(message, "presence");
        boolean withPresence = Boolean.TRUE.equals(presenceField);
        if (withPresence && pattern.wildcard()) {
            throw new SocketText.InvalidSocketMessage("Presence is kept per channel: subscribe to one channel, not a pattern");
        }
        if (withPresence && client.username().isEmpty()) {
            // Presence lists usernames: a visitor who has not signed in does not get to read them.
            client.send(ClientFrames.error("UNAUTHORIZED", "Sign in to see who is on a channel"));
            return;
        }
        if (!client.isSubscribed(pattern.value()) && client.subscriptionCount() >= ClientLimits.MAX_SUBSCRIPTIONS) {
            client.send(ClientFrames.error("TOO_MANY_SUBSCRIPTIONS",
                    "At most " + ClientLimits.MAX_SUBSCRIPTIONS + " subscriptions per connection"));
            return;
        }
        registry.subscribe(client, pattern, omitSelf, since(message));
        if (withPresence) {
            presence.join(client, pattern.value());
        } else if (Boolean.FALSE.equals(presenceField)) {
            presence.leave(client, pattern.value()); // still subscribed, no longer counted
        }
    }

    /** {@code "since":{"epoch":"…","offset":n}}: the last history position the client saw. */
    private static HistoryPosition since(JsonObject message) {
        JsonValue value = message.get("since");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new SocketText.InvalidSocketMessage("Field 'since' must be an object with epoch and offset");
        }
        JsonObject since = value.asJsonObject();
        JsonValue offset = since.get("offset");
        if (offset == null || offset.getValueType() != JsonValue.ValueType.NUMBER
                || !((JsonNumber) offset).isIntegral() || ((JsonNumber) offset).longValue() < 0) {
            throw new SocketText.InvalidSocketMessage("Field 'since.offset' must be a whole number, 0 or more");
        }
        return new HistoryPosition(stringField(since, "since.epoch", "epoch"), ((JsonNumber) offset).longValue());
    }

    private void unsubscribe(ClientConnection client, JsonObject message) {
        String channel = stringField(message, "channel");
        registry.unsubscribe(client, channel, booleanField(message, "omitSelf"));
        if (!client.isSubscribed(channel)) {
            presence.leave(client, channel);
        }
        client.send(ClientFrames.subscription("unsubscribed", channel));
    }

    private static String stringField(JsonObject message, String name) {
        return stringField(message, name, name);
    }

    private static String stringField(JsonObject message, String label, String name) {
        JsonValue value = message.get(name);
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
            throw new SocketText.InvalidSocketMessage("Field '" + label + "' must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static Boolean booleanField(JsonObject message, String name) {
        JsonValue value = message.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new SocketText.InvalidSocketMessage("Field '" + name + "' must be true or false");
    }
}
