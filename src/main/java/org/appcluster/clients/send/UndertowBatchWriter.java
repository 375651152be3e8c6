package org.appcluster.clients.send;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * WildFly's path (Undertow): Undertow queues asynchronous sends in order and, with batching
 * allowed, writes the frames a batch queued in one gathering write at {@code flushBatch} instead
 * of one write and flush per frame. Batching is on only while a batch is handed over, so closes
 * and other frames never wait for a flush.
 */
final class UndertowBatchWriter extends FastPathWriter {

    private final AtomicInteger unwritten = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    UndertowBatchWriter(Session session, SendPath path) {
        super(session, path);
    }

    @Override
    void writeFast(List<OutboundFrame> frames, long pingPayload, Consumer<Throwable> done) {
        Throwable failed = failure.getAndSet(null);
        if (failed != null) {
            done.accept(failed);
            return;
        }
        RemoteEndpoint.Async remote = session.getAsyncRemote();
        try {
            remote.setBatchingAllowed(true);
            for (OutboundFrame frame : frames) {
                unwritten.incrementAndGet();
                remote.sendText(frame.text(), result -> {
                    unwritten.decrementAndGet();
                    if (!result.isOK()) {
                        failure.compareAndSet(null, result.getException());
                    }
                });
            }
            if (pingPayload >= 0) {
                PortableWriter.ping(session, pingPayload);
            }
            remote.setBatchingAllowed(false);
            remote.flushBatch();
        } catch (IOException | RuntimeException e) {
            done.accept(e);
            return;
        }
        done.accept(failure.getAndSet(null));
    }

    @Override
    int unwrittenFast() {
        return unwritten.get();
    }

    @Override
    public String name() {
        return "undertow-batch";
    }
}
