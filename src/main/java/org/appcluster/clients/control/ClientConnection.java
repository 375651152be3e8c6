package org.appcluster.clients.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.infra.RateWindow;

/**
 * One browser socket: who it is, what it subscribed to, and its outbound queue. Frames go out one
 * at a time through the async remote, in order; a client whose queue passes the limit has stopped
 * reading and is closed rather than allowed to grow the heap or hold up anyone else.
 */
public class ClientConnection {

    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());

    private final Session session;
    private final String uuid;
    private final String username;
    /** Some containers accept every write into their own queue, so what was sent is not what was read. */
    private final SlowConsumerPolicy slowConsumers;
    private final Map<String, ClientSubscription> subscriptions = new ConcurrentHashMap<>();
    private final RateWindow rate = new RateWindow(ClientLimits.MAX_MESSAGES, ClientLimits.INTERVAL_MILLIS);
    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytesQueued = new AtomicLong();
    private volatile long bytesAcknowledged;
    private volatile long lastPingMark;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final ReplayGate replayGate = new ReplayGate();

    public ClientConnection(Session session, String uuid, String username, SlowConsumerPolicy slowConsumers) {
        this.session = session;
        this.uuid = uuid;
        this.username = username;
        this.slowConsumers = slowConsumers;
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
    }

    /**
     * Removes the given variant, or both when {@code omitSelf} is null.
     *
     * @return true when nothing remains subscribed under this pattern
     */
    boolean unsubscribe(String pattern, Boolean omitSelf) {
        ClientSubscription left = subscriptions.computeIfPresent(pattern, (key, current) -> current.minus(omitSelf));
        return left == null;
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

    /** Whether any of this client's subscriptions asks for the message. */
    boolean wants(Envelope envelope) {
        if (uuid.equals(envelope.excludeUuid())) {
            return false;
        }
        boolean ownMessage = uuid.equals(envelope.senderUuid());
        for (ClientSubscription subscription : subscriptions.values()) {
            if (subscription.pattern().matches(envelope.channel()) && subscription.accepts(ownMessage)) {
                return true;
            }
        }
        return false;
    }

    /** A live broadcast frame; held back while a subscription it matches replays history. */
    void deliver(Envelope envelope, String frame) {
        replayGate.deliver(envelope, frame, this::send);
    }

    ReplayGate replayGate() {
        return replayGate;
    }

    public void send(String frame) {
        if (!session.isOpen()) {
            return;
        }
        if (queued.incrementAndGet() > slowConsumers.maxQueuedFrames()) {
            closeSlowConsumer("more than " + slowConsumers.maxQueuedFrames() + " frames waiting");
            return;
        }
        long total = bytesQueued.addAndGet(frame.length());
        if (total - bytesAcknowledged > slowConsumers.maxUnreadBytes()) {
            closeSlowConsumer("more than " + slowConsumers.maxUnreadBytes() / 1024 + " KiB sent and not acknowledged");
            return;
        }
        outbox.add(frame);
        if (total - lastPingMark >= slowConsumers.pingEveryBytes()) {
            lastPingMark = total;
            outbox.add(new Ping(total));
            queued.incrementAndGet();
        }
        drain();
    }

    /**
     * The client answered a ping: a pong comes after it has read everything sent before the ping,
     * so the ping's byte count has been read.
     */
    public void acknowledge(ByteBuffer pongData) {
        if (pongData.remaining() == Long.BYTES) {
            long read = pongData.getLong();
            if (read > bytesAcknowledged && read <= bytesQueued.get()) {
                bytesAcknowledged = read;
            }
        }
    }

    private void drain() {
        while (!outbox.isEmpty() && sending.compareAndSet(false, true)) {
            Object next = outbox.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            queued.decrementAndGet();
            if (next instanceof Ping ping) {
                sendPing(ping);
                sending.set(false);
                continue;
            }
            String text = (String) next;
            try {
                LeanSend.run(() -> session.getAsyncRemote().sendText(text, result -> {
                    sending.set(false);
                    if (result.isOK()) {
                        drain();
                    } else {
                        closeAfterFailedSend(result.getException());
                    }
                }));
            } catch (RuntimeException e) {
                sending.set(false);
                LOG.fine(() -> "Send to client " + uuid + " failed: " + e);
            }
            return;
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

    private void sendPing(Ping ping) {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, ping.bytesQueued()));
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "Ping to client " + uuid + " failed: " + e);
        }
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

    void close(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "Closing client " + uuid + " failed: " + e);
        }
    }
}
