package org.appcluster.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A client of a WebSocket namespace ({@code jPulse.ws}'s protocol): frames in order, requests by id. */
public final class NamespaceSocket extends JsonWebSocket {

    private final JsonObject connected;

    private NamespaceSocket(URI uri, String cookieHeader) {
        open(uri, cookieHeader == null ? new String[0] : new String[] {"Cookie", cookieHeader});
        connected = next();
        assertEquals("connected", connected.getJsonObject("data").getString("type"), connected.toString());
    }

    /** Opens {@code path} on {@code node} as page {@code uuid} (null: let the node pick), signed out. */
    public static NamespaceSocket open(ServerNode node, String path, String uuid) {
        return new NamespaceSocket(uriOf(node, path, uuid), null);
    }

    /** Opens {@code path} in a signed-in session. */
    public static NamespaceSocket open(Session session, ServerNode node, String path, String uuid) {
        return new NamespaceSocket(uriOf(node, path, uuid), session.cookieHeader());
    }

    public static URI uriOf(ServerNode node, String path, String uuid) {
        return URI.create(node.uri(path).toString().replaceFirst("^http", "ws") + (uuid == null ? "" : "?uuid=" + uuid));
    }

    public JsonObject connectedFrame() {
        return connected;
    }

    public String clientId() {
        return connected.getJsonObject("data").getString("clientId");
    }

    public void send(JsonObject message) {
        send(message.toString());
    }

    /** Sends {@code message} as a request and waits for the frame that answers it. */
    public JsonObject request(JsonObject message) {
        String requestId = UUID.randomUUID().toString();
        send(Json.createObjectBuilder(message).add("requestId", requestId).build());
        return next(frame -> requestId.equals(frame.getString("requestId", null)));
    }

    public JsonObject next() {
        return next(frame -> true);
    }

    /**
     * The first frame {@code wanted} accepts; the frames before it stay queued, in order, for the
     * next call. Fails after 10 s.
     */
    public JsonObject next(Predicate<JsonObject> wanted) {
        long deadline = System.nanoTime() + SocketClient.TIMEOUT.toNanos();
        Deque<JsonObject> skipped = new ArrayDeque<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonObject frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("No such frame within " + SocketClient.TIMEOUT.toSeconds() + " s; got " + skipped);
                }
                if (wanted.test(frame)) {
                    return frame;
                }
                skipped.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            skipped.descendingIterator().forEachRemaining(frames::offerFirst);
        }
    }

    /** The next application message of {@code type} ({@code data.type}). */
    public JsonObject nextOfType(String type) {
        return next(frame -> frame.getBoolean("success", false) && type.equals(frame.getJsonObject("data").getString("type", "")));
    }

    @Override
    protected void onFrame(JsonObject frame) {
        frames.add(frame);
    }
}
