package org.appcluster.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A browser's side of the broadcast socket, for tests: every frame lands in a queue that the test
 * waits on with a timeout.
 */
public final class SocketClient extends JsonWebSocket {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<Boolean> clusterModes = new LinkedBlockingQueue<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final String clientId;
    private final JsonObject connected;

    private SocketClient(URI uri, String origin) {
        this(uri, origin == null ? List.of() : List.of("Origin", origin));
    }

    /** @param headers extra handshake headers: name, value, name, value… */
    private SocketClient(URI uri, List<String> headers) {
        open(uri, headers.toArray(String[]::new));
        connected = next();
        assertEquals("connected", connected.getJsonObject("data").getString("type"), connected.toString());
        clientId = connected.getJsonObject("data").getString("clientId");
        assertEquals("welcome", next().getJsonObject("data").getString("type"));
    }

    /** Connects and waits for the connected and welcome frames. */
    public static SocketClient connect(ServerNode node, String uuid) {
        return new SocketClient(node.socketUri(uuid == null ? "" : "?uuid=" + uuid), (String) null);
    }

    /** Connects in a signed-in session, as that user's page. */
    public static SocketClient connect(Session session, ServerNode node) {
        return new SocketClient(node.socketUri(""), List.of("Cookie", session.cookieHeader()));
    }

    /** Connects as a browser would from a page of {@code origin}. */
    public static SocketClient connectFrom(ServerNode node, String origin) {
        return new SocketClient(node.socketUri(""), origin);
    }

    /** Connects to {@code socketUri} (through a proxy, say) as a page of {@code origin}. */
    public static SocketClient connectThrough(URI socketUri, String origin) {
        return new SocketClient(socketUri, origin);
    }

    /** Connects to the node serving {@code base} (http://host:port/). */
    public static SocketClient connect(URI base, String uuid) {
        URI socket = base.resolve("/api/1/ws/jp-broadcast" + (uuid == null ? "" : "?uuid=" + uuid));
        return new SocketClient(URI.create(socket.toString().replaceFirst("^http", "ws")), (String) null);
    }

    public JsonObject connectedFrame() {
        return connected;
    }

    public String clientId() {
        return clientId;
    }

    /** The proof of {@link #clientId()} the node gave with the socket, for REST writes to send back. */
    public String clientToken() {
        return connected.getJsonObject("data").getString("clientToken");
    }

    public JsonObject next() {
        JsonObject frame = poll(TIMEOUT);
        if (frame == null) {
            throw new AssertionError("No frame within " + TIMEOUT.toSeconds() + " s");
        }
        return frame;
    }

    /** The next cluster mode the node pushed (it pushes each change of its Redis state). */
    public boolean nextClusterMode() {
        try {
            Boolean mode = clusterModes.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (mode == null) {
                throw new AssertionError("No cluster-status frame within " + TIMEOUT.toSeconds() + " s");
            }
            return mode;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Subscribes and waits for the acknowledgement; returns its {@code data} (history position, if
     * any). Broadcasts of channels already subscribed may come first (the node registers the
     * subscription before it answers): they stay queued, in order, for the test to read.
     */
    public JsonObject subscribe(String channel, boolean omitSelf) {
        send(Json.createObjectBuilder().add("type", "subscribe").add("channel", channel).add("omitSelf", omitSelf).build().toString());
        Deque<JsonObject> early = new ArrayDeque<>();
        JsonObject ack = next();
        while ("broadcast".equals(ack.getJsonObject("data").getString("type", ""))) {
            early.push(ack);
            ack = next();
        }
        early.forEach(frames::offerFirst);
        assertEquals("subscribed", ack.getJsonObject("data").getString("type"), ack.toString());
        assertEquals(channel, ack.getJsonObject("data").getJsonObject("data").getString("channel"));
        return ack.getJsonObject("data").getJsonObject("data");
    }

    /**
     * Subscribes asking for what was missed after {@code epoch}/{@code offset}; returns the
     * replayed broadcasts ({@code data.data} parts) and then the acknowledgement's {@code data}.
     */
    public Resumed resume(String channel, String epoch, long offset) {
        send(Json.createObjectBuilder().add("type", "subscribe").add("channel", channel)
                .add("since", Json.createObjectBuilder().add("epoch", epoch).add("offset", offset)).build().toString());
        List<JsonObject> replayed = new ArrayList<>();
        while (true) {
            JsonObject frame = next();
            String type = frame.getJsonObject("data").getString("type");
            if ("subscribed".equals(type)) {
                return new Resumed(replayed, frame.getJsonObject("data").getJsonObject("data"));
            }
            assertEquals("broadcast", type, frame.toString());
            replayed.add(frame.getJsonObject("data").getJsonObject("data"));
        }
    }

    public record Resumed(List<JsonObject> replayed, JsonObject answer) {
    }

    /** The next frame, which must be a broadcast; returns its {@code data.data} part. */
    public JsonObject nextBroadcast() {
        JsonObject frame = next();
        assertTrue(frame.getBoolean("success"), frame.toString());
        assertEquals("broadcast", frame.getJsonObject("data").getString("type"), frame.toString());
        return frame.getJsonObject("data").getJsonObject("data");
    }

    /** The next frame, which must be an error frame with this code. */
    public JsonObject nextError(String code) {
        JsonObject frame = next();
        assertEquals(false, frame.getBoolean("success"), frame.toString());
        assertEquals(code, frame.getString("code"), frame.toString());
        return frame;
    }

    /** WebSocket pings the node sent; the client answers each with a pong by itself. */
    public int pingsReceived() {
        return pings.get();
    }

    @Override
    protected void onFrame(JsonObject frame) {
        JsonObject message = frame.getJsonObject("data");
        if (message != null && "cluster-status".equals(message.getString("type", ""))) {
            clusterModes.add(message.getJsonObject("data").getBoolean("clusterMode"));
        } else {
            frames.add(frame);
        }
    }

    @Override
    protected void onPing() {
        pings.incrementAndGet();
    }
}
