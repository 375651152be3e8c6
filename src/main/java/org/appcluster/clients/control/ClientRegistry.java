package org.appcluster.clients.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.appcluster.broadcast.control.ChannelHistory;
import org.appcluster.broadcast.control.HistoryStream;
import org.appcluster.broadcast.control.LocalDelivery;
import org.appcluster.broadcast.control.RedisBus;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.ClusterModeChanged;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.HistoryPosition;
import org.appcluster.clients.send.OutboundFrame;
import org.appcluster.infra.LatencyHistogram;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The open browser sockets of this node and what each subscribed to. Keyed by socket, not by
 * client uuid: two tabs sharing a uuid are two entries, and closing one leaves the other intact.
 */
@ApplicationScoped
public class ClientRegistry implements LocalDelivery {

    @Inject
    @ConfigProperty(name = "websocket.slow-consumer.max-queued-frames", defaultValue = "1000")
    int maxQueuedFrames;

    @Inject
    @ConfigProperty(name = "websocket.slow-consumer.max-unread-bytes", defaultValue = "4194304")
    long maxUnreadBytes;

    @Inject
    @ConfigProperty(name = "websocket.slow-consumer.ping-every-bytes", defaultValue = "262144")
    long pingEveryBytes;

    @Inject
    RedisBus bus;

    @Inject
    ChannelHistory history;

    private SlowConsumerPolicy slowConsumers = SlowConsumerPolicy.defaults();
    
    private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final LongAdder framesQueued = new LongAdder();
    /** Counted by the sockets as their writes complete. */
    private final LongAdder framesSent = new LongAdder();
    private final LatencyHistogram publishToSend = new LatencyHistogram();
    /** The sockets the batch being relayed queued frames for. */
    private final Set<ClientConnection> touched = Collections.newSetFromMap(new IdentityHashMap<>());

    @PostConstruct
    void configure() {
        slowConsumers = new SlowConsumerPolicy(maxQueuedFrames, maxUnreadBytes, pingEveryBytes);
    }

    /** The limits every socket of this node is held to, and how many were closed for them. */
    public SlowConsumerPolicy slowConsumers() {
        return slowConsumers;
    }

    public void add(ClientConnection connection) {
        connections.put(connection.id(), connection);
    }

    /** Whether the socket is open here: added, and not yet removed on close. */
    boolean holds(ClientConnection connection) {
        return connections.get(connection.id()) == connection;
    }

    public void remove(ClientConnection connection) {
        connections.remove(connection.id());
        for (String pattern : connection.subscribedPatterns()) {
            removeFromIndex(pattern, connection);
        }
    }

    /**
     * Subscribes and answers. When a history keeps the pattern's channels, the answer says where
     * it stands; a client that gives {@code since} (its last position, or null) first gets every
     * message it missed, in order, or {@code recovered:false} when they are not all kept.
     */
    void subscribe(ClientConnection connection, ChannelPattern pattern, boolean omitSelf, HistoryPosition since) {
        Optional<HistoryStream> stream = history.covering(pattern);
        if (stream.isEmpty()) {
            subscribe(connection, pattern, omitSelf);
            connection.send(ClientFrames.subscribed(pattern.value(), null, since == null ? null : false));
            return;
        }
        ReplayGate gate = connection.replayGate();
        gate.hold(pattern);
        subscribe(connection, pattern, omitSelf);
        Optional<ChannelHistory.Replay> replay = history.read(stream.get(), since);
        HistoryPosition now = replay.map(ChannelHistory.Replay::now).orElse(null);
        boolean recovered = replay.map(ChannelHistory.Replay::complete).orElse(false);
        List<OutboundFrame> frames = new ArrayList<>();
        if (recovered) {
            for (Envelope missed : replay.get().entries()) {
                if (pattern.matches(missed.channel()) && connection.wants(missed)) {
                    frames.add(OutboundFrame.of(connection.sent(missed) ? ClientFrames.ownBroadcast(missed) : ClientFrames.broadcast(missed)));
                }
            }
        }
        frames.add(OutboundFrame.of(ClientFrames.subscribed(pattern.value(), now, since == null ? null : recovered)));
        gate.release(pattern, frames, now, connection::send);
    }

    /**
     * Tells every socket subscribed to channels of {@code stream} that messages may have been
     * lost; {@code now} (or null) is where the history stands. A socket that subscribed within
     * {@code now}'s epoch (after a Redis restart, say) lost nothing and is not told.
     */
    @Override
    public void historyLost(HistoryStream stream, HistoryPosition now, String reason) {
        forEachListener(stream, (connection, pattern) -> {
            if (now == null || !connection.replayGate().subscribedIn(pattern, now.epoch())) {
                connection.send(ClientFrames.notRecovered(pattern.value(), stream.covers(pattern) ? now : null, reason));
            }
        });
    }

    /**
     * Each subscription matching one of the channels hears once that messages were lost; the
     * index finds the sockets, so an overloaded node does not also walk every socket it has.
     */
    @Override
    public void messagesMissed(Set<String> channels, String reason) {
        Map<String, OutboundFrame> frameByPattern = new HashMap<>();
        Map<ClientConnection, Set<String>> told = new IdentityHashMap<>();
        for (String channel : channels) {
            for (ClientConnection connection : index.candidates(channel)) {
                for (ChannelPattern pattern : connection.patterns()) {
                    if (pattern.matches(channel) && told.computeIfAbsent(connection, key -> new HashSet<>()).add(pattern.value())) {
                        connection.send(frameByPattern.computeIfAbsent(pattern.value(),
                                value -> OutboundFrame.of(ClientFrames.notRecovered(value, null, reason))));
                    }
                }
            }
        }
    }

    /** Whether some socket here listens to channels of {@code stream}. */
    public boolean listensTo(HistoryStream stream) {
        boolean[] found = {false};
        forEachListener(stream, (connection, pattern) -> found[0] = true);
        return found[0];
    }

    private void forEachListener(HistoryStream stream, BiConsumer<ClientConnection, ChannelPattern> action) {
        for (ClientConnection connection : connections.values()) {
            for (ChannelPattern pattern : connection.patterns()) {
                if (stream.overlaps(pattern)) {
                    action.accept(connection, pattern);
                }
            }
        }
    }

    /** On a Redis Cluster the node subscribes to the pattern's shard before this returns. */
    void subscribe(ClientConnection connection, ChannelPattern pattern, boolean omitSelf) {
        connection.subscribe(pattern, omitSelf);
        if (index.add(pattern.value(), connection)) {
            bus.acquire(pattern);
        }
    }

    void unsubscribe(ClientConnection connection, String pattern, Boolean omitSelf) {
        if (connection.unsubscribe(pattern, omitSelf)) {
            removeFromIndex(pattern, connection);
            connection.replayGate().forget(ChannelPattern.parse(pattern));
        }
    }

    private void removeFromIndex(String pattern, ClientConnection connection) {
        if (index.remove(pattern, connection)) {
            bus.release(ChannelPattern.parse(pattern));
        }
    }

    /**
     * Queues one copy of each message for each local client with a matching subscription, then
     * writes each client's frames of the batch together. Called by the one dispatcher thread, so
     * the set of sockets a batch touched is kept and cleared instead of made anew (and grown) per
     * batch.
     */
    @Override
    public synchronized void relay(List<Envelope> batch) {
        try {
            for (Envelope envelope : batch) {
                relay(envelope, touched);
            }
            touched.forEach(ClientConnection::flush);
        } finally {
            touched.clear();
        }
    }

    private void relay(Envelope envelope, Set<ClientConnection> touched) {
        Collection<ClientConnection> candidates = index.candidates(envelope.channel());
        if (candidates.isEmpty()) {
            return;
        }
        OutboundFrame frame = null;
        boolean relayed = false;
        for (ClientConnection client : candidates) {
            if (client.wants(envelope)) {
                relayed = true;
                if (client.sent(envelope)) {
                    client.deliver(envelope, OutboundFrame.of(ClientFrames.ownBroadcast(envelope)));
                } else {
                    if (frame == null) {
                        frame = OutboundFrame.of(ClientFrames.broadcast(envelope));
                    }
                    client.deliver(envelope, frame);
                }
                touched.add(client);
                framesQueued.increment();
            }
        }
        if (relayed) {
            recordLatency(envelope.timestamp());
        }
    }

    /** Publish-to-send time: from the publisher's clock to this node queueing the frames. */
    private void recordLatency(String publishedAt) {
        try {
            publishToSend.record(Duration.between(Instant.parse(publishedAt), Instant.now()).toMillis());
        } catch (DateTimeParseException e) {
            // an envelope from a foreign publisher without a usable timestamp: not measurable
        }
    }

    /** Broadcast frames queued to sockets since start. */
    public long framesQueuedCount() {
        return framesQueued.sum();
    }

    /** Frames (broadcasts and replies) the sockets finished writing since start. */
    public long framesSentCount() {
        return framesSent.sum();
    }

    /** Where each socket counts the frames it wrote. */
    public LongAdder framesSentCounter() {
        return framesSent;
    }

    /** Publish-to-send time of the messages relayed to at least one socket. */
    public LatencyHistogram.Snapshot publishToSend() {
        return publishToSend.snapshot();
    }

    /** A node going down tells every browser so, and they reconnect (through the load balancer) elsewhere. */
    @PreDestroy
    void closeAll() {
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "node shutting down");
        connections.values().forEach(client -> client.close(goingAway));
    }

    /** Pages follow the node's Redis state live instead of trusting what they saw when loaded. */
    void onClusterModeChanged(@Observes ClusterModeChanged change) {
        String frame = ClientFrames.clusterStatus(change.clusterMode(), change.instanceId());
        connections.values().forEach(client -> client.send(frame));
    }

    /** A ping to every socket, so quiet ones stay open (see {@link SocketKeepAlive}). */
    void keepAlive(@Observes KeepAliveDue due) {
        connections.values().forEach(connection -> connection.keepAlive(due.silentSinceNanos()));
    }

    /** Subscribed sockets per pattern on this node. */
    public Map<String, Integer> subscribersByPattern() {
        return index.sizes();
    }

    public int connectionCount() {
        return connections.size();
    }

    public int patternCount() {
        return index.patternCount();
    }
}
