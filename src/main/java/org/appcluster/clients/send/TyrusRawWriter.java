package org.appcluster.clients.send;

import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Payara's path (Tyrus): the batch's frames, already encoded, go to the socket as one buffer, one
 * write: into its Grizzly connection, or through {@code TyrusWebSocket.sendRawFrame}
 * ({@link TyrusSinks}). Tyrus's own text send would encode every frame again per socket and
 * reschedule the session's idle-timeout task for every frame. The container queues writes the
 * socket cannot take yet, in order, so batches need not wait for each other; writes it has not
 * completed count as unwritten.
 */
final class TyrusRawWriter extends FastPathWriter {

    private final RawFrameSink sink;
    private final TyrusSinks sinks;
    /** Only the socket's current drainer touches this; {@code unwritten} is read by anyone. */
    private final Deque<PendingWrite> pending = new ArrayDeque<>();
    private final AtomicInteger unwritten = new AtomicInteger();

    TyrusRawWriter(Session session, TyrusSinks sinks, RawFrameSink sink, SendPath path) {
        super(session, path);
        this.sinks = sinks;
        this.sink = sink;
    }

    @Override
    void writeFast(List<OutboundFrame> frames, long pingPayload, Consumer<Throwable> done) {
        Throwable failed = reapCompleted();
        if (failed != null) {
            done.accept(failed);
            return;
        }
        ByteBuffer buffer = frames.size() == 1 ? frames.get(0).wire() : joined(frames);
        Future<?> write;
        try {
            write = sink.write(buffer);
        } catch (IllegalStateException e) {
            done.accept(e);
            return;
        } catch (Throwable e) {
            fastPathFailed(e, frames, pingPayload, done);
            return;
        }
        if (!write.isDone()) {
            pending.add(new PendingWrite(write, frames.size()));
            unwritten.addAndGet(frames.size());
        } else if ((failed = failureOf(write)) != null) {
            done.accept(failed);
            return;
        }
        if (pingPayload >= 0) {
            PortableWriter.ping(session, pingPayload);
        }
        done.accept(null);
    }

    private static ByteBuffer joined(List<OutboundFrame> frames) {
        int total = 0;
        for (OutboundFrame frame : frames) {
            total += frame.wire().remaining();
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        for (OutboundFrame frame : frames) {
            joined.put(frame.wire());
        }
        return joined.flip();
    }

    /** Forgets the writes Tyrus has completed since; the first failure among them, if any. */
    private Throwable reapCompleted() {
        while (!pending.isEmpty() && pending.peekFirst().write().isDone()) {
            PendingWrite done = pending.pollFirst();
            unwritten.addAndGet(-done.frames());
            Throwable failed = failureOf(done.write());
            if (failed != null) {
                return failed;
            }
        }
        return null;
    }

    private static Throwable failureOf(Future<?> write) {
        try {
            write.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Override
    int unwrittenFast() {
        return unwritten.get();
    }

    @Override
    public String name() {
        return sinks.pathName();
    }

    private record PendingWrite(Future<?> write, int frames) {
    }
}
