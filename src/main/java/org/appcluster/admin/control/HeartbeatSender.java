package org.appcluster.admin.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.broadcast.control.BroadcastDispatcher;
import org.appcluster.broadcast.control.RedisBus;
import org.appcluster.clients.control.ClientRegistry;
import org.appcluster.infra.LatencyHistogram;

/** Announces this node's health to the cluster every {@link #INTERVAL}, and its departure once. */
@ApplicationScoped
public class HeartbeatSender {

    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(HeartbeatSender.class.getName());
    public static final Duration INTERVAL = Duration.ofSeconds(2);
    public static final String CHANNEL_PREFIX = "controller:health:metrics:";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Broadcaster broadcaster;

    @Inject
    RedisBus bus;

    @Inject
    BroadcastDispatcher dispatcher;

    @Inject
    ClientRegistry clients;

    private final Instant startedAt = Instant.now();
    private ScheduledFuture<?> beats;
    private long lastDelivered;
    private long lastFramesSent;
    private long lastBeatNanos = System.nanoTime();
    private LatencyHistogram.Snapshot lastLatency;

    void onStartup(@Observes Startup startup) {
        beats = scheduler.scheduleAtFixedRate(this::beat, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Before any bean is destroyed, while Redis is still connected: say goodbye. */
    void leave(@Observes @BeforeDestroyed(ApplicationScoped.class) Object shutdown) {
        if (beats != null) {
            beats.cancel(false);
        }
        send(beatOf("leaving"));
    }

    private void beat() {
        try {
            send(beatOf("up"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Heartbeat failed", e);
        }
    }

    private void send(JsonObject beat) {
        broadcaster.publish(CHANNEL_PREFIX + channelSegment(broadcaster.instanceId()), beat);
    }

    /** Instance ids may hold characters a channel segment may not; the payload keeps the real id. */
    static String channelSegment(String instanceId) {
        String segment = instanceId.replaceAll("[^A-Za-z0-9_.:-]", "_").replaceAll("::+", ":").replaceAll("^:|:$", "");
        return segment.length() <= 100 ? segment : segment.substring(0, 100).replaceAll(":$", "");
    }

    private synchronized JsonObject beatOf(String state) {
        long now = System.nanoTime();
        long delivered = dispatcher.deliveredCount();
        double seconds = Math.max(0.001, (now - lastBeatNanos) / 1e9);
        double perSecond = (delivered - lastDelivered) / seconds;
        long framesSent = clients.framesSentCount();
        double framesPerSecond = (framesSent - lastFramesSent) / seconds;
        LatencyHistogram.Snapshot latency = clients.publishToSend();
        OptionalLong p99 = (lastLatency == null ? latency : latency.since(lastLatency)).quantileMillis(0.99);
        lastDelivered = delivered;
        lastFramesSent = framesSent;
        lastBeatNanos = now;
        lastLatency = latency;
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        JsonObjectBuilder channels = JSON.createObjectBuilder();
        clients.subscribersByPattern().forEach(channels::add);
        return JSON.createObjectBuilder()
                .add("instanceId", broadcaster.instanceId())
                .add("state", state)
                .add("startedAt", startedAt.toString())
                .add("uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds())
                .add("redisAvailable", bus.isAvailable())
                .add("redisMode", broadcaster.redisMode())
                .add("redisReconnects", bus.reconnectCount())
                .add("clients", clients.connectionCount())
                .add("subscriptions", clients.patternCount())
                .add("broadcastsPerSecond", Math.round(perSecond * 10) / 10.0)
                .add("broadcastsDelivered", delivered)
                .add("framesSentPerSecond", Math.round(framesPerSecond * 10) / 10.0)
                // Of the frames queued since the last beat; null when there were none.
                .add("publishToSendP99Millis", p99.isPresent() ? JSON.createValue(p99.getAsLong()) : JsonValue.NULL)
                .add("heapUsedMb", heap.getUsed() / (1024 * 1024))
                .add("heapMaxMb", heap.getMax() / (1024 * 1024))
                .add("channels", channels)
                .add("timestamp", Instant.now().toString())
                .build();
    }
}
