package org.appcluster.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.appcluster.broadcast.control.ChannelHistory;
import org.appcluster.broadcast.control.HistoryStream;
import org.appcluster.broadcast.entity.ClusterModeChanged;
import org.appcluster.broadcast.entity.HistoryPosition;

/**
 * When Redis returns after this node delivered locally, nothing is left silent: histories that
 * got messages Redis never saw restart (every node then tells its clients), and this node's own
 * clients of every history hear that they may have missed what other nodes sent meanwhile.
 */
@ApplicationScoped
public class HistoryRecovery {

    @Inject
    ChannelHistory history;

    @Inject
    ClientRegistry clients;

    void onClusterModeChanged(@Observes ClusterModeChanged change) {
        if (!change.clusterMode()) {
            return;
        }
        history.restartMissed(change.instanceId());
        for (HistoryStream stream : history.streams()) {
            if (clients.listensTo(stream)) {
                HistoryPosition now = history.read(stream, null).map(ChannelHistory.Replay::now).orElse(null);
                clients.historyLost(stream, now, "redis-unavailable");
            }
        }
    }
}
