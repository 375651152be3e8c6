package org.appcluster.broadcast.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.HistoryPosition;
import org.appcluster.infra.ClusterSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's one subscriber thread, made by the container's {@link ManagedThreadFactory}. Redis
 * I/O threads and local publishers only enqueue; this thread takes what waited in batches,
 * decodes each message once and hands it to the server callbacks and the WebSocket clients, in
 * arrival order. A message that waited longer than {@code broadcast.max-delay-millis} is not sent
 * to clients late: their subscriptions on its channel hear that messages were lost, and reload,
 * once the node has caught up, and during a longer overload once per that delay.
 */
@ApplicationScoped
public class BroadcastDispatcher {

    private static final Logger LOG = Logger.getLogger(BroadcastDispatcher.class.getName());
    private static final int CAPACITY = 100_000;
    private static final int BATCH = 512;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    EnvelopeCodec codec;

    @Inject
    CallbackRegistry callbacks;

    @Inject
    LocalDelivery clients;

    @Inject
    ClusterSettings settings;

    @Inject
    ChannelHistory history;

    @Inject
    @ConfigProperty(name = "broadcast.max-delay-millis", defaultValue = "2000")
    long maxDelayMillis;

    private final BlockingQueue<Inbound> inbox = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    /** Set when a message was dropped; the dispatcher then tells clients of every history. */
    private final AtomicBoolean droppedSinceTold = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    /** Channels of messages that came too late for clients; only the dispatcher thread uses it. */
    private final Set<String> expiredSinceTold = new HashSet<>();
    private long lastToldNanos = System.nanoTime();
    private volatile Thread worker;

    public synchronized void start() {
        if (worker == null) {
            worker = threads.newThread(this::run);
            worker.setName("app-cluster-dispatcher");
            worker.start();
        }
    }

    public synchronized void stop() {
        if (worker != null) {
            worker.interrupt();
            worker = null;
        }
    }

    /** Called on a Redis I/O thread: must not block, so decoding waits for the dispatcher. */
    public void acceptRemote(String json) {
        enqueue(() -> codec.decode(json));
    }

    public void acceptLocal(Envelope envelope) {
        enqueue(() -> envelope);
    }

    public boolean isRunning() {
        Thread current = worker;
        return current != null && current.isAlive();
    }

    /** Broadcasts this node has handed to its callbacks and clients since it started. */
    public long deliveredCount() {
        return delivered.get();
    }

    public long droppedCount() {
        return dropped.get();
    }

    /** Broadcasts waiting for the dispatcher thread now; it stays near 0 unless the node is saturated. */
    public int queuedCount() {
        return inbox.size();
    }

    /** Broadcasts that waited too long here and went to the server callbacks only. */
    public long expiredCount() {
        return expired.get();
    }

    private void enqueue(Supplier<Envelope> message) {
        if (!inbox.offer(new Inbound(message, System.nanoTime()))) {
            droppedSinceTold.set(true);
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warning(() -> "Dispatcher queue full (" + CAPACITY + "): dropped " + dropped.get() + " broadcasts so far");
            }
        }
    }

    private void run() {
        String self = settings.instanceId();
        long maxDelay = Duration.ofMillis(maxDelayMillis).toNanos();
        List<Inbound> taken = new ArrayList<>(BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                taken.add(inbox.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            inbox.drainTo(taken, BATCH - 1);
            try {
                deliver(taken, self, maxDelay);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, e, () -> "Delivering a batch of " + taken.size() + " broadcasts failed");
            }
            taken.clear();
        }
    }

    private void deliver(List<Inbound> taken, String self, long maxDelay) {
        if (droppedSinceTold.compareAndSet(true, false)) {
            // Which channels lost a message is not known: every history's clients hear it.
            history.streams().forEach(stream -> clients.historyLost(stream, null, "node-overloaded"));
        }
        List<Envelope> batch = new ArrayList<>(taken.size());
        long now = System.nanoTime();
        boolean caughtUp = true;
        for (Inbound next : taken) {
            Envelope envelope = decode(next);
            if (envelope == null || envelope.offset() != null && !checkHistory(envelope, batch)) {
                continue;
            }
            delivered.incrementAndGet();
            dispatchToCallbacks(envelope, self);
            caughtUp = now - next.arrivedNanos() <= maxDelay;
            if (caughtUp) {
                batch.add(envelope);
            } else {
                expired.incrementAndGet();
                expiredSinceTold.add(envelope.channel());
            }
        }
        clients.relay(batch);
        if (!expiredSinceTold.isEmpty() && (caughtUp || now - lastToldNanos > maxDelay)) {
            lastToldNanos = now;
            LOG.warning(() -> "Overloaded: " + expired.get() + " broadcasts so far waited over " + maxDelayMillis
                    + " ms and went to no client; their subscribers were told to reload");
            clients.messagesMissed(Set.copyOf(expiredSinceTold), "node-overloaded");
            expiredSinceTold.clear();
        }
    }

    private Envelope decode(Inbound next) {
        try {
            return next.message().get();
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "Ignored a message on the broadcast prefix: " + e.getMessage());
            return null;
        }
    }

    private void dispatchToCallbacks(Envelope envelope, String self) {
        try {
            callbacks.dispatch(envelope, self);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "Delivering broadcast " + envelope.id() + " on " + envelope.channel() + " failed");
        }
    }

    /**
     * A message with a history position: when that history restarted since the last message this
     * node saw, its clients are told they may have missed some, after what came before in the
     * batch. False for a restart marker, which is no message to deliver.
     */
    private boolean checkHistory(Envelope envelope, List<Envelope> batch) {
        Optional<HistoryStream> stream = history.streamOf(envelope.channel());
        if (stream.isEmpty()) {
            return !envelope.isHistoryReset();
        }
        boolean restarted = history.restartedSinceLastSeen(stream.get(), envelope.position());
        if (envelope.isHistoryReset() || restarted) {
            clients.relay(List.copyOf(batch));
            batch.clear();
            HistoryPosition before = new HistoryPosition(envelope.epoch(), Math.max(0, envelope.offset() - 1));
            clients.historyLost(stream.get(), before, "history-restarted");
        }
        return !envelope.isHistoryReset();
    }

    /** A message and when it reached this node (nanoTime). */
    private record Inbound(Supplier<Envelope> message, long arrivedNanos) {
    }
}
