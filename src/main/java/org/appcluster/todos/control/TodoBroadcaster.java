package org.appcluster.todos.control;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.dashboard.control.DashboardBroadcaster;
import org.appcluster.todos.entity.TodoChanged;

/**
 * Announces each stored change to every page: additions and removals on the list channel, a
 * toggled item on the item channel, and a line on the dashboard's activity feed. Only stored
 * changes reach it; a failed write fires nothing.
 */
@Singleton
@Lock(LockType.READ)
public class TodoBroadcaster {

    public static final String LIST_CHANNEL = "view:helloClusterTodo:list:changed";
    public static final String ITEM_CHANNEL = "view:helloClusterTodo:item:updated";

    @Inject
    Broadcaster broadcaster;

    public void onTodoChanged(@Observes TodoChanged change) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", change.action());
        payload.put("todo", change.todo());
        payload.put("user", change.user());
        payload.put("timestamp", Instant.now().toString());
        broadcaster.publishFrom(change.uuid(), "toggled".equals(change.action()) ? ITEM_CHANNEL : LIST_CHANNEL, payload);
        // The dashboard's activity feed: who did what.
        broadcaster.publish(DashboardBroadcaster.CHANNEL, Map.of(
                "action", Map.of("type", "todo " + change.action(), "user", change.user(), "details", change.todo().title()),
                "timestamp", payload.get("timestamp")));
    }
}
