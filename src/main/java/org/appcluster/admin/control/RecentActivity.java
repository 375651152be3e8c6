package org.appcluster.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.appcluster.admin.entity.Activity;
import org.appcluster.broadcast.boundary.Broadcaster;

/**
 * The last broadcasts this node saw, from any node: channel, source and time, never the payload.
 * On a Redis Cluster that is the shards this node subscribes to for its own clients.
 */
@ApplicationScoped
public class RecentActivity {

    static final int KEEP = 25;

    @Inject
    Broadcaster broadcaster;

    private final Deque<Activity> recent = new ArrayDeque<>();

    void onStartup(@Observes Startup startup) {
        broadcaster.observe("*", (channel, data, source) -> {
            if (!channel.startsWith(HeartbeatSender.CHANNEL_PREFIX)) {
                record(new Activity(channel, source, Instant.now().toString()));
            }
        });
    }

    synchronized void record(Activity activity) {
        recent.addFirst(activity);
        while (recent.size() > KEEP) {
            recent.removeLast();
        }
    }

    public synchronized List<Activity> latest() {
        return List.copyOf(recent);
    }
}
