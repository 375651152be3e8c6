package org.appcluster.dashboard.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.List;
import org.appcluster.admin.control.ClusterView;
import org.appcluster.admin.entity.Member;
import org.appcluster.todos.control.TodoStore;

/** The numbers a dashboard shows: counts only, nothing that identifies anyone. */
@ApplicationScoped
public class DashboardStats {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ClusterView view;

    @Inject
    TodoStore todos;

    public JsonObject current(String leader) {
        List<Member> up = view.members().stream().filter(member -> "up".equals(member.status())).toList();
        long activeUsers = up.stream().mapToLong(member -> member.lastBeat().getInt("clients", 0)).sum();
        double perSecond = up.stream().mapToDouble(member -> member.lastBeat().getJsonNumber("broadcastsPerSecond") == null
                ? 0 : member.lastBeat().getJsonNumber("broadcastsPerSecond").doubleValue()).sum();
        return JSON.createObjectBuilder()
                .add("activeUsers", activeUsers)
                .add("stats", JSON.createObjectBuilder()
                        .add("nodesUp", up.size())
                        .add("todos", todos.count())
                        .add("broadcastsPerSecond", Math.round(perSecond * 10) / 10.0))
                .add("leader", leader)
                .add("timestamp", Instant.now().toString())
                .build();
    }
}
