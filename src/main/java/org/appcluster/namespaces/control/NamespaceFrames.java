package org.appcluster.namespaces.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import org.appcluster.namespaces.entity.NamespaceClient;
import org.appcluster.namespaces.entity.NamespaceDefinition;

/**
 * The text frames of a namespace socket, as the jPulse Framework's {@code jPulse.ws} client reads
 * them: {@code {"success":true,"data":{…}}} or {@code {"success":false,"error","code"}}, with a
 * top-level {@code requestId} on a request and on its reply.
 */
public final class NamespaceFrames {

    private static final JsonProvider JSON = JsonProvider.provider();

    private NamespaceFrames() {
    }

    /** The first frame; the jPulse client takes its message limits from {@code limits}. */
    static String connected(NamespaceClient client, NamespaceDefinition namespace) {
        return success(JSON.createObjectBuilder()
                .add("type", "connected")
                .add("clientId", client.clientId())
                .add("namespace", client.path())
                .add("limits", JSON.createObjectBuilder()
                        .add("maxSize", namespace.maxMessageBytes())
                        .add("interval", 1000)
                        .add("maxMessages", namespace.maxMessagesPerSecond()))
                .add("ctx", ctx(client.username()))
                .build(), null);
    }

    /** An application message: its data with the sender's {@code ctx} (a username, never an address). */
    public static String message(JsonObject data, String senderUsername, String requestId) {
        return success(JSON.createObjectBuilder(data).add("ctx", ctx(senderUsername)).build(), requestId);
    }

    /** The answer to a client's request. */
    public static String reply(JsonObject data, String requestId) {
        return success(data, requestId);
    }

    public static String error(String code, String message, String requestId) {
        JsonObjectBuilder frame = JSON.createObjectBuilder()
                .add("success", false)
                .add("error", message)
                .add("code", code);
        if (requestId != null) {
            frame.add("requestId", requestId);
        }
        return frame.build().toString();
    }

    static String pong() {
        return success(JSON.createObjectBuilder().add("type", "pong").add("timestamp", Instant.now().toString()).build(), null);
    }

    private static JsonObject ctx(String username) {
        return JSON.createObjectBuilder().add("username", username).build();
    }

    private static String success(JsonObject data, String requestId) {
        JsonObjectBuilder frame = JSON.createObjectBuilder().add("success", true).add("data", data);
        if (requestId != null) {
            frame.add("requestId", requestId);
        }
        return frame.build().toString();
    }
}
