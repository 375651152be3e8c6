package org.appcluster.presence.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.presence.entity.PresenceChange;
import org.appcluster.presence.entity.RoomPresence;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is online in each room, across nodes: namespace rooms of the namespaces that track presence,
 * and broadcast channels whose subscribers asked for it. Each node counts its own sockets, tells
 * the others of every change, and repeats its whole count every heartbeat. A node whose heartbeats
 * stop (killed, or cut off with Redis) drops out of everyone's count after three missed beats, so
 * nobody stays online forever. Every change of a room's presence is fired as a
 * {@link PresenceChange}, for the sockets of this node in that room.
 */
@ApplicationScoped
public class ClusterPresence {

    static final String CHANNEL_PREFIX = "controller:ws:presence:";
    private static final int MISSED_BEATS = 3;
    private static final Logger LOG = Logger.getLogger(ClusterPresence.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Broadcaster broadcaster;

    @Inject
    Event<PresenceChange> changes;

    @Inject
    @ConfigProperty(name = "namespaces.presence.heartbeat-millis", defaultValue = "2000")
    long heartbeatMillis;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    LongSupplier clock = System::nanoTime;

    /** This node's sockets: room → username ("" signed out) → sockets. */
    private final Map<String, Map<String, Integer>> local = new HashMap<>();
    private final Map<String, RemoteNode> remote = new HashMap<>();
    /** What this node's sockets were last told, per room. */
    private final Map<String, RoomPresence> announced = new HashMap<>();
    private boolean toldEmpty = true;
    private AutoCloseable subscription;
    private ScheduledFuture<?> heartbeat;
    /**
     * Sends this node's counts in the order they changed, on a thread of its own: a publish may
     * wait for Redis, and the dispatcher thread that delivers everything waits for this lock.
     */
    private ExecutorService publisher;

    /** The rooms another node reported, and when it last did. */
    private static final class RemoteNode {
        Map<String, Map<String, Integer>> rooms = new HashMap<>();
        long seenNanos;
    }

    void onStartup(@Observes Startup startup) {
        publisher = Executors.newSingleThreadExecutor(threads);
        subscription = broadcaster.subscribe(CHANNEL_PREFIX + "*", (channel, data, source) -> received(channel, data, source), true);
        heartbeat = scheduler.scheduleWithFixedDelay(this::beat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (publisher != null) {
            publisher.shutdownNow();
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.fine(() -> "Closing the presence subscription failed: " + e);
            }
        }
    }

    /**
     * One more socket of {@code username} ("" signed out) in {@code room}. The room's sockets here
     * hear of it through a {@link PresenceChange}; when its presence did not change the newcomer
     * needs {@link #of(String)} told to it alone: whether it does.
     */
    public synchronized boolean join(String room, String username) {
        local.computeIfAbsent(room, key -> new HashMap<>()).merge(username, 1, Integer::sum);
        publishRoom(room);
        return !announce(room);
    }

    public synchronized void leave(String room, String username) {
        Map<String, Integer> users = local.get(room);
        if (users == null) {
            return;
        }
        users.computeIfPresent(username, (user, count) -> count > 1 ? count - 1 : null);
        if (users.isEmpty()) {
            local.remove(room);
        }
        publishRoom(room);
        announce(room);
    }

    /**
     * Runs {@code step} under the lock that orders every count and announcement, so a caller's
     * own bookkeeping (which socket is counted where) and what it tells a newcomer cannot
     * interleave with another change. {@link PresenceChange} observers run under it too.
     */
    public synchronized void atomically(Runnable step) {
        step.run();
    }

    /** Who is online in {@code room} on every node. */
    public synchronized RoomPresence of(String room) {
        return merged(room);
    }

    private void publishRoom(String path) {
        publish("room", JSON.createObjectBuilder().add("path", path).add("users", SocketCounts.toJson(local.getOrDefault(path, Map.of()))).build());
    }

    private void publish(String kind, JsonObject counts) {
        try {
            publisher.execute(() -> broadcaster.publish(CHANNEL_PREFIX + kind, counts));
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "Presence not sent, the node is stopping: " + e);
        }
    }

    /** Every heartbeat: this node's whole count (once more after its last socket left), and who timed out. */
    private void beat() {
        try {
            synchronized (this) {
                if (!local.isEmpty() || !toldEmpty) {
                    JsonObjectBuilder rooms = JSON.createObjectBuilder();
                    local.forEach((path, users) -> rooms.add(path, SocketCounts.toJson(users)));
                    publish("beat", JSON.createObjectBuilder().add("rooms", rooms).build());
                    toldEmpty = local.isEmpty();
                }
                long stale = clock.getAsLong() - TimeUnit.MILLISECONDS.toNanos(heartbeatMillis * MISSED_BEATS);
                Set<String> affected = new HashSet<>();
                remote.values().removeIf(node -> {
                    boolean gone = node.seenNanos < stale;
                    if (gone) {
                        affected.addAll(node.rooms.keySet());
                    }
                    return gone;
                });
                affected.forEach(this::announce);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Presence heartbeat failed", e);
        }
    }

    /** Another node's change to one room, or its whole count. */
    private synchronized void received(String channel, JsonObject data, String source) {
        RemoteNode node = remote.computeIfAbsent(source, key -> new RemoteNode());
        node.seenNanos = clock.getAsLong();
        Set<String> affected = new HashSet<>();
        switch (channel.substring(CHANNEL_PREFIX.length())) {
            case "room" -> {
                String path = data.getString("path");
                Map<String, Integer> users = SocketCounts.fromJson(data.getJsonObject("users"));
                if (users.isEmpty()) {
                    node.rooms.remove(path);
                } else {
                    node.rooms.put(path, users);
                }
                affected.add(path);
            }
            case "beat" -> {
                affected.addAll(node.rooms.keySet());
                node.rooms = new HashMap<>();
                data.getJsonObject("rooms").forEach((path, users) -> node.rooms.put(path, SocketCounts.fromJson(users.asJsonObject())));
                affected.addAll(node.rooms.keySet());
            }
            default -> LOG.warning(() -> "Unknown presence message " + channel + " ignored");
        }
        affected.forEach(this::announce);
    }

    /** Tells this node's sockets in room {@code path} when its presence changed; whether it did. */
    private boolean announce(String path) {
        RoomPresence now = merged(path);
        RoomPresence before = announced.getOrDefault(path, RoomPresence.EMPTY);
        if (now.equals(before)) {
            return false;
        }
        if (now.isEmpty()) {
            announced.remove(path);
        } else {
            announced.put(path, now);
        }
        Set<String> joined = new TreeSet<>(now.users().keySet());
        joined.removeAll(before.users().keySet());
        Set<String> left = new TreeSet<>(before.users().keySet());
        left.removeAll(now.users().keySet());
        changes.fire(new PresenceChange(path, now, joined, left));
        return true;
    }

    private RoomPresence merged(String path) {
        Map<String, Integer> users = new HashMap<>(local.getOrDefault(path, Map.of()));
        remote.values().forEach(node -> node.rooms.getOrDefault(path, Map.of()).forEach((user, count) -> users.merge(user, count, Integer::sum)));
        return RoomPresence.of(users);
    }
}
