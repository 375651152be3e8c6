package org.appcluster.clients.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.clients.send.FrameWriter;
import org.appcluster.clients.send.OutboundFrame;
import org.appcluster.infra.RateWindow;

/**
 * One browser socket: who it is, what it subscribed to, and its outbound queue. Frames go to its
 * {@link FrameWriter} in order, in batches; a client whose queue passes the limit has stopped
 * reading and is closed rather than allowed to grow the heap or hold up anyone else.
 */
public class ClientConnection {

    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());
    /** Enough to fill a socket's send buffer in one write, few enough to keep sockets taking turns. */
    private static final int MAX_BATCH_FRAMES = 256;

    private final Session session;
    private final String uuid;
    private final String username;
    /** Some containers accept every write into their own queue, so what was sent is not what was read. */
    private final SlowConsumerPolicy slowConsumers;
    private final FrameWriter writer;
    private final LongAdder framesSent;
    private final Map<String, ClientSubscription> subscriptions = new ConcurrentHashMap<>();
    /** The subscriptions as an array, for {@link #wants}: iterating the map cost the dispatcher an iterator per delivery. */
    private volatile ClientSubscription[] subscriptionArray = new ClientSubscription[0];
    private final RateWindow rate = new RateWindow(ClientLimits.MAX_MESSAGES, ClientLimits.INTERVAL_MILLIS);
    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytesQueued = new AtomicLong();
    private volatile long bytesAcknowledged;
    private volatile long lastPingMark;
    /** When the client last sent anything, a pong included. */
    private volatile long lastHeardNanos = System.nanoTime();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final ReplayGate replayGate = new ReplayGate();
    /** Set by {@link #closeAfterSending}: the close that waits for the queue to drain. */
    private final AtomicReference<CloseReason> closeWhenSent = new AtomicReference<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    /** @param framesSent where the frames this socket finished writing are counted (shared by the node's sockets) */
    public ClientConnection(Session session, String uuid, String username, SlowConsumerPolicy slowConsumers, FrameWriter writer,
                            LongAdder framesSent) {
        this.session = session;
        this.uuid = uuid;
        this.username = username;
        this.slowConsumers = slowConsumers;
        this.writer = writer;
        this.framesSent = framesSent;
    }

    public String id() {
        return session.getId();
    }

    public String uuid() {
        return uuid;
    }

    public String username() {
        return username;
    }

    RateWindow rate() {
        return rate;
    }

    /** Adds one omitSelf variant of a subscription; the other variant, if any, stays. */
    void subscribe(ChannelPattern pattern, boolean omitSelf) {
        subscriptions.merge(pattern.value(), ClientSubscription.of(pattern, omitSelf), ClientSubscription::plus);
        subscriptionsChanged();
    }

    /**
     * Removes the given variant, or both when {@code omitSelf} is null.
     *
     * @return true when nothing remains subscribed under this pattern
     */
    boolean unsubscribe(String pattern, Boolean omitSelf) {
        ClientSubscription left = subscriptions.computeIfPresent(pattern, (key, current) -> current.minus(omitSelf));
        subscriptionsChanged();
        return left == null;
    }

    /** Each change copies the map after it: the last copy, made after the last change, holds them all. */
    private synchronized void subscriptionsChanged() {
        subscriptionArray = subscriptions.values().toArray(ClientSubscription[]::new);
    }

    Iterable<String> subscribedPatterns() {
        return subscriptions.keySet();
    }

    /** The patterns this socket is subscribed to, parsed. */
    List<ChannelPattern> patterns() {
        return subscriptions.values().stream().map(ClientSubscription::pattern).toList();
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    boolean isSubscribed(String pattern) {
        return subscriptions.containsKey(pattern);
    }

    /** Whether any of this client's subscriptions asks for the message, and it is for this client's user when it names one. */
    boolean wants(Envelope envelope) {
        if (uuid.equals(envelope.excludeUuid()) || (envelope.recipient() != null && (username.isEmpty() || !username.equals(envelope.recipient())))) {
            return false;
        }
        boolean ownMessage = sent(envelope);
        for (ClientSubscription subscription : subscriptionArray) {
            if (subscription.pattern().matches(envelope.channel()) && subscription.accepts(ownMessage)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this client caused the message (its own frame then names its uuid). */
    boolean sent(Envelope envelope) {
        return uuid.equals(envelope.senderUuid());
    }

    /** A live broadcast frame; held back while a subscription it matches replays history. */
    void deliver(Envelope envelope, OutboundFrame frame) {
        replayGate.deliver(envelope, frame, this::enqueue);
    }

    ReplayGate replayGate() {
        return replayGate;
    }

    public void send(String frame) {
        send(OutboundFrame.of(frame));
    }

    public void send(OutboundFrame frame) {
        if (enqueue(frame)) {
            flush();
        }
    }

    /**
     * Queues a frame without writing it yet, so frames queued together go out together; false
     * when the socket is closed or was closed for falling behind.
     */
    boolean enqueue(OutboundFrame frame) {
        if (!session.isOpen() || closeWhenSent.get() != null) {
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
        outbox.add(frame);
        if (total - lastPingMark >= slowConsumers.pingEveryBytes()) {
            lastPingMark = total;
            queuePing(total);
        }
        return true;
    }

    /**
     * Queues a ping behind what waits. It carries only what was acknowledged already, so its pong
     * changes nothing of the slow-consumer count: a frame being queued now may not be ahead of it.
     * A client silent since {@code silentSinceNanos} (no message, no pong) is gone without a word,
     * as a dropped network leaves it: it is closed instead.
     */
    public void keepAlive(long silentSinceNanos) {
        if (lastHeardNanos - silentSinceNanos < 0 && session.isOpen()) {
            outbox.clear();
            LOG.info(() -> "Closing client " + uuid + " (session " + id() + "): it answered no ping for three keep-alive intervals");
            close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no answer to pings"));
            return;
        }
        if (session.isOpen()) {
            queuePing(bytesAcknowledged);
            flush();
        }
    }

    private void queuePing(long bytesRead) {
        outbox.add(new Ping(bytesRead));
        queued.incrementAndGet();
    }

    /** The client sent something: it is alive. */
    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /**
     * The client answered a ping: a pong comes after it has read everything sent before the ping,
     * so the ping's byte count has been read.
     */
    public void acknowledge(ByteBuffer pongData) {
        heard();
        if (pongData.remaining() == Long.BYTES) {
            long read = pongData.getLong();
            if (read > bytesAcknowledged && read <= bytesQueued.get()) {
                bytesAcknowledged = read;
            }
        }
    }

    /** Hands what waits to the writer, a batch at a time, by one thread at a time. */
    void flush() {
        while (!outbox.isEmpty() && sending.compareAndSet(false, true)) {
            List<OutboundFrame> frames = new ArrayList<>();
            long ping = -1;
            Object next;
            while (frames.size() < MAX_BATCH_FRAMES && (next = outbox.poll()) != null) {
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
        if (closeWhenSent.get() != null && outbox.isEmpty() && !sending.get()) {
            CloseReason reason = closeWhenSent.getAndSet(null);
            if (reason != null) {
                close(reason);
            }
        }
    }

    /**
     * Closes once the frames queued before this call are written, so a last frame (the error
     * that says why) reaches the client ahead of the close: a close at once can overtake frames
     * still on their way through the writer. Nothing queued after this call is sent.
     *
     * @return completes when the socket was closed
     */
    public CompletableFuture<Void> closeAfterSending(CloseReason reason) {
        closeWhenSent.compareAndSet(null, reason);
        flush();
        return closed;
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
        if (!session.isOpen()) {
            return;
        }
        outbox.clear();
        slowConsumers.recordClose();
        LOG.warning(() -> "Closing client " + uuid + " (session " + id() + "): a send failed (" + failure
                + "), it stopped reading or went away");
        close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "slow consumer: send failed"));
    }

    private void closeSlowConsumer(String why) {
        if (!session.isOpen()) {
            return;
        }
        outbox.clear();
        slowConsumers.recordClose();
        LOG.warning(() -> "Closing client " + uuid + " (session " + id() + "): " + why + ", it stopped reading");
        close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "slow consumer: " + why));
    }

    /** A ping queued after the frames it acknowledges, carrying the byte count up to it. */
    private record Ping(long bytesQueued) {
    }

    public void close(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "Closing client " + uuid + " failed: " + e);
        } finally {
            closed.complete(null);
        }
    }
}
