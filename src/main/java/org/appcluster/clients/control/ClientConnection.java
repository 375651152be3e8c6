package org.appcluster.clients.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.clients.send.FrameWriter;
import org.appcluster.clients.send.OutboundFrame;
import org.appcluster.infra.RateWindow;

/**
 * One browser socket: who it is, what it subscribed to, whether it is still heard from, and its
 * {@link ClientOutbox}, which writes its frames in order and closes it when it stops reading.
 */
public class ClientConnection {

    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());

    private final Session session;
    private final String uuid;
    private final String username;
    private final ClientOutbox outbox;
    private final Map<String, ClientSubscription> subscriptions = new ConcurrentHashMap<>();
    /** The subscriptions as an array, for {@link #wants}: iterating the map cost the dispatcher an iterator per delivery. */
    private volatile ClientSubscription[] subscriptionArray = new ClientSubscription[0];
    private final RateWindow rate = new RateWindow(ClientLimits.MAX_MESSAGES, ClientLimits.INTERVAL_MILLIS);
    /** When the client last sent anything, a pong included. */
    private volatile long lastHeardNanos = System.nanoTime();
    private final ReplayGate replayGate = new ReplayGate();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    /** @param framesSent where the frames this socket finished writing are counted (shared by the node's sockets) */
    public ClientConnection(Session session, String uuid, String username, SlowConsumerPolicy slowConsumers, FrameWriter writer,
                            LongAdder framesSent) {
        this.session = session;
        this.uuid = uuid;
        this.username = username;
        this.outbox = new ClientOutbox(this, slowConsumers, writer, framesSent);
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
        return outbox.enqueue(frame);
    }

    /** Hands what waits to the writer. */
    void flush() {
        outbox.flush();
    }

    /**
     * Pings the client behind what waits. A client silent since {@code silentSinceNanos} (no
     * message, no pong) is gone without a word, as a dropped network leaves it: it is closed instead.
     */
    public void keepAlive(long silentSinceNanos) {
        if (lastHeardNanos - silentSinceNanos < 0 && session.isOpen()) {
            outbox.clear();
            LOG.info(() -> "Closing client " + uuid + " (session " + id() + "): it answered no ping for three keep-alive intervals");
            close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no answer to pings"));
            return;
        }
        if (session.isOpen()) {
            outbox.ping();
        }
    }

    /** The client sent something: it is alive. */
    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** The client answered a ping: it is alive, and has read what was sent before the ping. */
    public void acknowledge(ByteBuffer pongData) {
        heard();
        outbox.acknowledge(pongData);
    }

    /**
     * Closes once the frames queued before this call are written, so a last frame (the error
     * that says why) reaches the client ahead of the close: a close at once can overtake frames
     * still on their way through the writer. Nothing queued after this call is sent.
     *
     * @return completes when the socket was closed
     */
    public CompletableFuture<Void> closeAfterSending(CloseReason reason) {
        outbox.closeAfterSending(reason);
        return closed;
    }

    boolean isOpen() {
        return session.isOpen();
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
