package org.appcluster.support;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/** A test's WebSocket that speaks JSON text: each frame goes to {@link #onFrame}, and the close code is kept. */
public abstract class JsonWebSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What {@link #onFrame} keeps for the test to read, in arrival order. */
    protected final BlockingDeque<JsonObject> frames = new LinkedBlockingDeque<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    /**
     * Opens {@code uri} with these extra handshake headers (name, value, name, value…). Called at
     * the end of the subclass's constructor, once the fields {@link #onFrame} uses exist.
     */
    protected void open(URI uri, String... headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        socket = builder.buildAsync(uri, new Listener()).join();
    }

    protected abstract void onFrame(JsonObject frame);

    /** A WebSocket ping arrived (the client answers it with a pong by itself). */
    protected void onPing() {
    }

    protected WebSocket socket() {
        return socket;
    }

    /** The next frame kept, or null when none arrives within {@code timeout}. */
    public JsonObject poll(Duration timeout) {
        try {
            return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** One message sent as several frames (a continuation after the first). */
    public void sendInParts(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The code the node closed the socket with (-1: the connection failed), or null while it is open. */
    public Integer closeCode() {
        return closed.getNow(null);
    }

    public boolean isOpen() {
        return !closed.isDone() && !socket.isOutputClosed();
    }

    public int awaitClose() {
        return closed.orTimeout(SocketClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Closes as a browser does: a close frame, then the node's answer (for at most 2 s), then the connection. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").thenCompose(sent -> closed)
                        .orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
            } catch (RuntimeException e) {
                // the connection is gone already
            }
        }
        socket.abort();
    }

    private final class Listener extends JsonFrameListener {

        @Override
        protected void onJson(JsonObject frame) {
            onFrame(frame);
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            JsonWebSocket.this.onPing();
            return super.onPing(webSocket, message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
