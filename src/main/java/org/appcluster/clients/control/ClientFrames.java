package org.appcluster.clients.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.Optional;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.HistoryPosition;
import org.appcluster.presence.entity.PresenceChange;

/**
 * The JSON text frames of the broadcast socket, shaped as the jPulse Framework's browser client
 * expects them. Extra fields (a message {@code id}, history {@code offset} and {@code epoch}) and
 * the extra {@code recovery} frame are ignored by that client.
 */
public final class ClientFrames {

    public static final String NAMESPACE = "/api/1/ws/jp-broadcast";
    private static final JsonProvider JSON = JsonProvider.provider();

    private ClientFrames() {
    }

    /**
     * {@code clusterMode}, {@code instanceId} and {@code clientToken} (the proof of the client's
     * uuid that REST writes send back) are additions the jPulse client ignores.
     */
    public static String connected(ClientConnection client, boolean clusterMode, String instanceId, Optional<String> clientToken) {
        JsonObject limits = JSON.createObjectBuilder()
                .add("maxSize", ClientLimits.MAX_FRAME_BYTES)
                .add("interval", ClientLimits.INTERVAL_MILLIS)
                .add("maxMessages", ClientLimits.MAX_MESSAGES)
                .build();
        JsonObjectBuilder frame = JSON.createObjectBuilder()
                .add("type", "connected")
                .add("clientId", client.uuid())
                .add("namespace", NAMESPACE)
                .add("limits", limits)
                .add("clusterMode", clusterMode)
                .add("instanceId", instanceId);
        clientToken.ifPresent(token -> frame.add("clientToken", token));
        return success(frame.add("ctx", ctx(client)));
    }

    public static String welcome(ClientConnection client) {
        return success(JSON.createObjectBuilder()
                .add("type", "welcome")
                .add("data", JSON.createObjectBuilder()
                        .add("message", "Connected to App Cluster broadcast system")
                        .add("timestamp", Instant.now().toString()))
                .add("ctx", ctx(client)));
    }

    static String subscription(String type, String channel) {
        return success(JSON.createObjectBuilder()
                .add("type", type)
                .add("data", JSON.createObjectBuilder()
                        .add("channel", channel)
                        .add("timestamp", Instant.now().toString())));
    }

    /**
     * The answer to a subscribe. On a channel with history it tells where the history stands
     * ({@code epoch}, {@code offset}), and when the client asked to resume, whether everything it
     * missed follows ({@code recovered}).
     */
    static String subscribed(String channel, HistoryPosition now, Boolean recovered) {
        JsonObjectBuilder data = JSON.createObjectBuilder()
                .add("channel", channel)
                .add("timestamp", Instant.now().toString());
        addPosition(data, now);
        if (recovered != null) {
            data.add("recovered", recovered);
        }
        return success(JSON.createObjectBuilder().add("type", "subscribed").add("data", data));
    }

    /**
     * Messages on {@code channel} (a subscribed pattern) may have been lost: the page should
     * reload its state. {@code now}, when known, is where the history stands.
     */
    static String notRecovered(String channel, HistoryPosition now, String reason) {
        JsonObjectBuilder data = JSON.createObjectBuilder()
                .add("channel", channel)
                .add("recovered", false)
                .add("reason", reason)
                .add("timestamp", Instant.now().toString());
        addPosition(data, now);
        return success(JSON.createObjectBuilder().add("type", "recovery").add("data", data));
    }

    private static void addPosition(JsonObjectBuilder data, HistoryPosition position) {
        if (position != null) {
            data.add("epoch", position.epoch()).add("offset", position.offset());
        }
    }

    static String clusterStatus(boolean clusterMode, String instanceId) {
        return success(JSON.createObjectBuilder()
                .add("type", "cluster-status")
                .add("data", JSON.createObjectBuilder()
                        .add("clusterMode", clusterMode)
                        .add("instanceId", instanceId)
                        .add("timestamp", Instant.now().toString())));
    }

    /** Who is online on a channel the client asked presence for, and who joined or left. */
    static String presence(PresenceChange change) {
        return success(JSON.createObjectBuilder()
                .add("type", "presence")
                .add("data", change.toJson("channel").add("timestamp", Instant.now().toString())));
    }

    static String pong() {
        return success(JSON.createObjectBuilder()
                .add("type", "pong")
                .add("data", JSON.createObjectBuilder().add("timestamp", Instant.now().toString())));
    }

    /** Built once per message and node, then sent as is to every recipient. */
    static String broadcast(Envelope envelope) {
        return broadcast(envelope, envelope.data());
    }

    /**
     * The frame for the client that caused the message: its data names that client's own uuid, as
     * the jPulse client's {@code omitSelf} check expects. Every other client's frame has no uuid.
     */
    static String ownBroadcast(Envelope envelope) {
        return broadcast(envelope, JSON.createObjectBuilder(envelope.data()).add("uuid", envelope.senderUuid()).build());
    }

    private static String broadcast(Envelope envelope, JsonObject data) {
        JsonObjectBuilder message = JSON.createObjectBuilder()
                .add("channel", envelope.channel())
                .add("data", data)
                .add("timestamp", envelope.timestamp())
                .add("id", envelope.id());
        addPosition(message, envelope.position());
        return success(JSON.createObjectBuilder()
                .add("type", "broadcast")
                .add("data", message)
                .add("ctx", envelope.ctx() == null ? JsonObject.EMPTY_JSON_OBJECT : envelope.ctx()));
    }

    public static String error(String code, String message) {
        return JSON.createObjectBuilder()
                .add("success", false)
                .add("error", message)
                .add("code", code)
                .build()
                .toString();
    }

    private static JsonObject ctx(ClientConnection client) {
        return JSON.createObjectBuilder().add("username", client.username()).build();
    }

    private static String success(JsonObjectBuilder data) {
        return JSON.createObjectBuilder().add("success", true).add("data", data).build().toString();
    }
}
