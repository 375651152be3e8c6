package org.appcluster.broadcast.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.appcluster.broadcast.entity.Envelope;
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

    private final BlockingQueue<Supplier<Envelope>> inbox = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
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
        if (!inbox.offer(message) && dropped.incrementAndGet() % 1000 == 1) {
            LOG.warning(() -> "Dispatcher queue full (" + CAPACITY + "): dropped " + dropped.get() + " broadcasts so far");
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

    private void deliver(Supplier<Envelope> message, String self) {
        Envelope envelope;
        try {
            envelope = message.get();
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "Ignored a message on the broadcast prefix: " + e.getMessage());
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
