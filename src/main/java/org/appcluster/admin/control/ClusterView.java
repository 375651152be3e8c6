package org.appcluster.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.appcluster.admin.entity.Member;
import org.appcluster.broadcast.boundary.Broadcaster;

/**
 * Every node's last heartbeat as this node heard it, and the figures the console charts from its
 * beats of the last five minutes. A node that missed three beats is {@code gone}; one that said
 * goodbye is {@code left}; both are forgotten after ten minutes.
 */
@ApplicationScoped
public class ClusterView {

    private static final JsonProvider JSON = JsonProvider.provider();

    static final Duration GONE_AFTER = HeartbeatSender.INTERVAL.multipliedBy(3);
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    /** Five minutes of beats. */
    static final int HISTORY_BEATS = (int) (Duration.ofMinutes(5).toMillis() / HeartbeatSender.INTERVAL.toMillis());
    /** The beat's figures the console charts over time. */
    public static final List<String> CHARTED = List.of("broadcastsPerSecond", "framesSentPerSecond", "clients", "publishToSendP99Millis");

    @Inject
    Broadcaster broadcaster;

    private final Map<String, Heard> heard = new ConcurrentHashMap<>();
    private final Map<String, Deque<JsonObject>> histories = new ConcurrentHashMap<>();

    void onStartup(@Observes Startup startup) {
        broadcaster.subscribe(HeartbeatSender.CHANNEL_PREFIX + "*", (channel, beat, source) -> onBeat(beat), false);
    }

    void onBeat(JsonObject beat) {
        String instanceId = beat.getString("instanceId", "?");
        heard.put(instanceId, new Heard(beat, System.nanoTime()));
        JsonObjectBuilder sample = JSON.createObjectBuilder().add("at", beat.getString("timestamp", ""));
        CHARTED.forEach(figure -> sample.add(figure, beat.getOrDefault(figure, JsonValue.NULL)));
        Deque<JsonObject> history = histories.computeIfAbsent(instanceId, key -> new ArrayDeque<>());
        synchronized (history) {
            history.addLast(sample.build());
            while (history.size() > HISTORY_BEATS) {
                history.removeFirst();
            }
        }
    }

    public List<Member> members() {
        long now = System.nanoTime();
        heard.values().removeIf(h -> now - h.atNanos() > FORGET_AFTER.toNanos());
        histories.keySet().retainAll(heard.keySet());
        return heard.entrySet().stream()
                .map(entry -> new Member(entry.getKey(), status(entry.getValue(), now),
                        Duration.ofNanos(now - entry.getValue().atNanos()).toMillis(), entry.getValue().beat(), history(entry.getKey())))
                .sorted(Comparator.comparing(Member::instanceId))
                .toList();
    }

    /**
     * The nodes up now, when the view is settled: no node fell silent within {@code recent} (one
     * whose beats stopped only just may be cut off for a moment rather than gone); else empty.
     */
    public Optional<Set<String>> settledUp(Duration recent) {
        long now = System.nanoTime();
        Set<String> up = new HashSet<>();
        for (Map.Entry<String, Heard> node : heard.entrySet()) {
            String status = status(node.getValue(), now);
            if ("up".equals(status)) {
                up.add(node.getKey());
            } else if ("gone".equals(status) && now - node.getValue().atNanos() < recent.toNanos()) {
                return Optional.empty();
            }
        }
        return Optional.of(up);
    }

    private List<JsonObject> history(String instanceId) {
        Deque<JsonObject> history = histories.get(instanceId);
        if (history == null) {
            return List.of();
        }
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    private static String status(Heard heard, long now) {
        if ("leaving".equals(heard.beat().getString("state", "up"))) {
            return "left";
        }
        return now - heard.atNanos() > GONE_AFTER.toNanos() ? "gone" : "up";
    }

    private record Heard(JsonObject beat, long atNanos) {
    }
}
