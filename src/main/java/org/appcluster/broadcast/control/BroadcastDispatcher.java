package org.appcluster.broadcast.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.HistoryPosition;
import org.appcluster.clients.control.ClientRegistry;
import org.appcluster.infra.ClusterSettings;

/**
 * The node's one subscriber thread, made by the container's {@link ManagedThreadFactory}. Redis
 * I/O threads and local publishers only enqueue; this thread decodes each message once and hands
 * it to the server callbacks and the WebSocket clients, in arrival order.
 */
@ApplicationScoped
public class BroadcastDispatcher {

    private static final Logger LOG = Logger.getLogger(BroadcastDispatcher.class.getName());
    private static final int CAPACITY = 100_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    EnvelopeCodec codec;

    @Inject
    CallbackRegistry callbacks;

    @Inject
    ClientRegistry clients;

    @Inject
    ClusterSettings settings;

    @Inject
    ChannelHistory history;

    private final BlockingQueue<Supplier<Envelope>> inbox = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    /** Set when a message was dropped; the dispatcher then tells clients of every history. */
    private final AtomicBoolean droppedSinceTold = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
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

    private void enqueue(Supplier<Envelope> message) {
        if (!inbox.offer(message)) {
            droppedSinceTold.set(true);
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warning(() -> "Dispatcher queue full (" + CAPACITY + "): dropped " + dropped.get() + " broadcasts so far");
            }
        }
    }

    private void run() {
        String self = settings.instanceId();
        while (!Thread.currentThread().isInterrupted()) {
            Supplier<Envelope> next;
            try {
                next = inbox.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            deliver(next, self);
        }
    }

    /**
     * A message with a history position: when that history restarted since the last message this
     * node saw, its clients are told they may have missed some. False for a restart marker, which
     * is no message to deliver.
     */
    private boolean checkHistory(Envelope envelope) {
        Optional<HistoryStream> stream = history.streamOf(envelope.channel());
        if (stream.isEmpty()) {
            return !envelope.isHistoryReset();
        }
        boolean restarted = history.restartedSinceLastSeen(stream.get(), envelope.position());
        if (envelope.isHistoryReset() || restarted) {
            HistoryPosition before = new HistoryPosition(envelope.epoch(), Math.max(0, envelope.offset() - 1));
            clients.historyLost(stream.get(), before, "history-restarted");
        }
        return !envelope.isHistoryReset();
    }

    private void deliver(Supplier<Envelope> message, String self) {
        if (droppedSinceTold.compareAndSet(true, false)) {
            // Which channels lost a message is not known: every history's clients hear it.
            history.streams().forEach(stream -> clients.historyLost(stream, null, "node-overloaded"));
        }
        Envelope envelope;
        try {
            envelope = message.get();
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "Ignored a message on the broadcast prefix: " + e.getMessage());
            return;
        }
        if (envelope.offset() != null && !checkHistory(envelope)) {
            return;
        }
        delivered.incrementAndGet();
        try {
            callbacks.dispatch(envelope, self);
            clients.relay(envelope);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "Delivering broadcast " + envelope.id() + " on " + envelope.channel() + " failed");
        }
    }
}
