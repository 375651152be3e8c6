package org.appcluster.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.appcluster.admin.entity.Member;
import org.appcluster.broadcast.boundary.Broadcaster;

/**
 * Every node's last heartbeat as this node heard it. A node that missed three beats is
 * {@code gone}; one that said goodbye is {@code left}; both are forgotten after ten minutes.
 */
@ApplicationScoped
public class ClusterView {

    static final Duration GONE_AFTER = HeartbeatSender.INTERVAL.multipliedBy(3);
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    @Inject
    Broadcaster broadcaster;

    private final Map<String, Heard> heard = new ConcurrentHashMap<>();

    void onStartup(@Observes Startup startup) {
        broadcaster.subscribe(HeartbeatSender.CHANNEL_PREFIX + "*", (channel, beat, source) -> onBeat(beat), false);
    }

    void onBeat(JsonObject beat) {
        heard.put(beat.getString("instanceId", "?"), new Heard(beat, System.nanoTime()));
    }

    public List<Member> members() {
        long now = System.nanoTime();
        heard.values().removeIf(h -> now - h.atNanos() > FORGET_AFTER.toNanos());
        return heard.values().stream()
                .map(h -> new Member(h.beat().getString("instanceId", "?"), status(h, now),
                        Duration.ofNanos(now - h.atNanos()).toMillis(), h.beat()))
                .sorted(Comparator.comparing(Member::instanceId))
                .toList();
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
