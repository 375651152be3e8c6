package org.appcluster.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.appcluster.clients.send.FrameWriter;
import org.appcluster.clients.send.OutboundFrame;
import org.junit.jupiter.api.Test;

/** A close that says why first: the last frame is written before the socket closes, never overtaken. */
class CloseAfterSendingTest {

    /** A container that finishes each write later, when told to. */
    private static final class DeferredWriter implements FrameWriter {
        final List<String> written = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();

        @Override
        public void write(List<OutboundFrame> frames, long pingPayload, Consumer<Throwable> done) {
            frames.forEach(frame -> written.add(frame.text()));
            pending.add(done);
        }

        void finishWrites() {
            List<Consumer<Throwable>> finishing = List.copyOf(pending);
            pending.clear();
            finishing.forEach(done -> done.accept(null));
        }

        @Override
        public int unwritten() {
            return pending.size();
        }

        @Override
        public String name() {
            return "deferred";
        }
    }

    private final FakeSession session = new FakeSession();
    private final DeferredWriter writer = new DeferredWriter();
    private final ClientConnection client = new ClientConnection(session.session(), "u1", "", new RegistryFixture().registry.slowConsumers(),
            writer, new LongAdder());

    @Test
    void theSocketClosesOnlyAfterTheFramesQueuedBeforeTheCloseAreWritten() {
        client.send("first");
        client.send("the reason");
        CompletableFuture<Void> closed = client.closeAfterSending(new CloseReason(CloseReason.CloseCodes.getCloseCode(4401), "session ended"));
        client.send("too late");

        assertNull(session.closedWith, "not while a write is on its way");
        assertFalse(closed.isDone());
        writer.finishWrites();
        writer.finishWrites();

        assertEquals(List.of("first", "the reason"), writer.written, "what was queued before the close, and nothing after");
        assertEquals(4401, session.closedWith.getCloseCode().getCode());
        assertTrue(closed.isDone());
    }

    @Test
    void aCloseAtOnceEndsTheWaitOfAWriteThatNeverFinishes() {
        client.send("stuck");
        CompletableFuture<Void> closed = client.closeAfterSending(new CloseReason(CloseReason.CloseCodes.getCloseCode(4401), "session ended"));
        assertFalse(closed.isDone(), "waiting for the write");

        client.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4401), "session ended"));

        assertEquals(4401, session.closedWith.getCloseCode().getCode());
        assertTrue(closed.isDone(), "whoever waited is let go");
    }

    @Test
    void anIdleSocketClosesAtOnce() {
        CompletableFuture<Void> closed = client.closeAfterSending(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));

        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, session.closedWith.getCloseCode());
        assertTrue(closed.isDone());
    }
}
