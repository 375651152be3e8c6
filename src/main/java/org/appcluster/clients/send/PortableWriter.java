package org.appcluster.clients.send;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The WebSocket API's own path, for any container: one asynchronous {@code sendText} at a time,
 * the next after the last completed (the API allows no more), the ping after the batch's frames.
 */
final class PortableWriter implements FrameWriter {

    private final Session session;
    private final AtomicInteger unwritten = new AtomicInteger();

    PortableWriter(Session session) {
        this.session = session;
    }

    @Override
    public void write(List<OutboundFrame> frames, long pingPayload, Consumer<Throwable> done) {
        unwritten.set(frames.size());
        sendFrom(frames, 0, pingPayload, done);
    }

    /**
     * Containers may complete a send on the calling thread: then the loop goes on here instead of
     * recursing once per frame; a send completed later goes on from its completion.
     */
    private void sendFrom(List<OutboundFrame> frames, int first, long pingPayload, Consumer<Throwable> done) {
        for (int next = first; next < frames.size(); next++) {
            Step step = new Step(frames, next, pingPayload, done);
            try {
                LeanSend.run(() -> session.getAsyncRemote().sendText(frames.get(step.index).text(), step));
            } catch (RuntimeException e) {
                unwritten.set(0);
                done.accept(e);
                return;
            }
            if (!step.completedInline()) {
                return;
            }
        }
        if (pingPayload >= 0) {
            ping(session, pingPayload);
        }
        done.accept(null);
    }

    static void ping(Session session, long payload) {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, payload));
        } catch (IOException | RuntimeException e) {
            // the socket is closing; its close handler cleans up
        }
    }

    @Override
    public int unwritten() {
        return unwritten.get();
    }

    @Override
    public String name() {
        return "portable";
    }

    /** One send: whoever comes second of "the call returned" and "the send completed" goes on. */
    private final class Step implements SendHandler {
        private static final int PENDING = 0;
        private static final int RETURNED = 1;
        private static final int SENT = 2;
        private static final int FAILED = 3;

        final List<OutboundFrame> frames;
        final int index;
        final long pingPayload;
        final Consumer<Throwable> done;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        Step(List<OutboundFrame> frames, int index, long pingPayload, Consumer<Throwable> done) {
            this.frames = frames;
            this.index = index;
            this.pingPayload = pingPayload;
            this.done = done;
        }

        @Override
        public void onResult(SendResult result) {
            unwritten.decrementAndGet();
            if (!result.isOK()) {
                state.set(FAILED);
                done.accept(result.getException());
            } else if (!state.compareAndSet(PENDING, SENT)) {
                sendFrom(frames, index + 1, pingPayload, done);
            }
        }

        /** True when the send completed on the calling thread, so the caller's loop goes on. */
        boolean completedInline() {
            return !state.compareAndSet(PENDING, RETURNED) && state.get() == SENT;
        }
    }
}
