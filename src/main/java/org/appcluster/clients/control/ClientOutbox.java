package org.appcluster.clients.control;

import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.appcluster.clients.send.FrameWriter;
import org.appcluster.clients.send.OutboundFrame;

/**
 * A socket's outbound queue: frames, and the pings that measure how much the client has read, go
 * to its {@link FrameWriter} in order, in batches, written by one thread at a time. A client whose
 * queue or unread bytes pass the {@link SlowConsumerPolicy} limits has stopped reading and is
 * closed rather than allowed to grow the heap or hold up anyone else.
 */
final class ClientOutbox {

    private static final Logger LOG = Logger.getLogger(ClientOutbox.class.getName());
    /** Enough to fill a socket's send buffer in one write, few enough to keep sockets taking turns. */
    private static final int MAX_BATCH_FRAMES = 256;

    private final ClientConnection client;
    /** Some containers accept every write into their own queue, so what was sent is not what was read. */
    private final SlowConsumerPolicy slowConsumers;
    private final FrameWriter writer;
    private final LongAdder framesSent;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong bytesQueued = new AtomicLong();
    private volatile long bytesAcknowledged;
    private volatile long lastPingMark;
    private final AtomicBoolean sending = new AtomicBoolean();
    /** Set by {@link #closeAfterSending}: the close that waits for the queue to drain. */
    private final AtomicReference<CloseReason> closeWhenSent = new AtomicReference<>();

    /** @param framesSent where the frames this socket finished writing are counted (shared by the node's sockets) */
    ClientOutbox(ClientConnection client, SlowConsumerPolicy slowConsumers, FrameWriter writer, LongAdder framesSent) {
        this.client = client;
        this.slowConsumers = slowConsumers;
        this.writer = writer;
        this.framesSent = framesSent;
    }

    /**
     * Queues a frame without writing it yet, so frames queued together go out together; false
     * when the socket is closed, closing, or was closed now for falling behind.
     */
    boolean enqueue(OutboundFrame frame) {
        if (!client.isOpen() || closeWhenSent.get() != null) {
            return false;
        }
        if (queued.incrementAndGet() + writer.unwritten() > slowConsumers.maxQueuedFrames()) {
            closeSlowConsumer("more than " + slowConsumers.maxQueuedFrames() + " frames waiting");
            return false;
        }
        long total = bytesQueued.addAndGet(frame.size());
        if (total - bytesAcknowledged > slowConsumers.maxUnreadBytes()) {
            closeSlowConsumer("more than " + slowConsumers.maxUnreadBytes() / 1024 + " KiB sent and not acknowledged");
            return false;
        }
        queue.add(frame);
        if (total - lastPingMark >= slowConsumers.pingEveryBytes()) {
            lastPingMark = total;
            queuePing(total);
        }
        return true;
    }

    /**
     * Queues a ping behind what waits and writes. It carries only what was acknowledged already,
     * so its pong changes nothing of the slow-consumer count: a frame being queued now may not be
     * ahead of it.
     */
    void ping() {
        queuePing(bytesAcknowledged);
        flush();
    }

    private void queuePing(long bytesRead) {
        queue.add(new Ping(bytesRead));
        queued.incrementAndGet();
    }

    /**
     * The client answered a ping: a pong comes after it has read everything sent before the ping,
     * so the ping's byte count has been read.
     */
    void acknowledge(ByteBuffer pongData) {
        if (pongData.remaining() == Long.BYTES) {
            long read = pongData.getLong();
            if (read > bytesAcknowledged && read <= bytesQueued.get()) {
                bytesAcknowledged = read;
            }
        }
    }

    /** Nothing waiting is sent any more: the socket is being closed. */
    void clear() {
        queue.clear();
    }

    /** Hands what waits to the writer, a batch at a time, by one thread at a time. */
    void flush() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            List<OutboundFrame> frames = new ArrayList<>();
            long ping = -1;
            Object next;
            while (frames.size() < MAX_BATCH_FRAMES && (next = queue.poll()) != null) {
                queued.decrementAndGet();
                if (next instanceof Ping due) {
                    ping = due.bytesQueued();
                    break;
                }
                frames.add((OutboundFrame) next);
            }
            if (frames.isEmpty() && ping < 0) {
                sending.set(false);
                continue;
            }
            BatchDone done = new BatchDone(frames.size());
            writer.write(frames, ping, done);
            if (!done.completedInline()) {
                return;
            }
        }
        if (closeWhenSent.get() != null && queue.isEmpty() && !sending.get()) {
            CloseReason reason = closeWhenSent.getAndSet(null);
            if (reason != null) {
                client.close(reason);
            }
        }
    }

    /** Closes once the frames queued before this call are written; nothing queued after it is sent. */
    void closeAfterSending(CloseReason reason) {
        closeWhenSent.compareAndSet(null, reason);
        flush();
    }

    /** Whoever comes second of "write returned" and "batch done" lets the next batch go. */
    private final class BatchDone implements Consumer<Throwable> {
        private static final int PENDING = 0;
        private static final int RETURNED = 1;
        private static final int DONE = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);
        private final int frames;

        BatchDone(int frames) {
            this.frames = frames;
        }

        @Override
        public void accept(Throwable failure) {
            if (failure == null) {
                framesSent.add(frames);
            }
            sending.set(false);
            if (failure != null) {
                state.set(RETURNED);
                closeAfterFailedSend(failure);
            } else if (!state.compareAndSet(PENDING, DONE)) {
                flush();
            }
        }

        boolean completedInline() {
            return !state.compareAndSet(PENDING, RETURNED) && state.get() == DONE;
        }
    }

    /**
     * A send that fails on an open socket means the client cannot keep up: some containers queue
     * writes themselves and refuse them once their own queue is full. Dropping frames silently
     * would leave the client believing it is up to date, so it is closed and will reconnect.
     */
    private void closeAfterFailedSend(Throwable failure) {
        closeFallenBehind("a send failed (" + failure + "), it stopped reading or went away", "send failed");
    }

    private void closeSlowConsumer(String why) {
        closeFallenBehind(why + ", it stopped reading", why);
    }

    private void closeFallenBehind(String logged, String reason) {
        if (!client.isOpen()) {
            return;
        }
        queue.clear();
        slowConsumers.recordClose();
        LOG.warning(() -> "Closing client " + client.uuid() + " (session " + client.id() + "): " + logged);
        client.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "slow consumer: " + reason));
    }

    /** A ping queued after the frames it acknowledges, carrying the byte count up to it. */
    private record Ping(long bytesQueued) {
    }
}
