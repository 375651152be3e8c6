package org.appcluster.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.appcluster.broadcast.control.BroadcastDispatcher;
import org.appcluster.clients.send.SocketWriters;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the dispatcher thread that delivers every broadcast is running; says how many
 * broadcasts were dropped (queue full) or expired (too late for clients), and how sockets send.
 */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {

    @Inject
    BroadcastDispatcher dispatcher;

    @Inject
    SocketWriters writers;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("broadcast-dispatcher")
                .status(dispatcher.isRunning())
                .withData("dropped", dispatcher.droppedCount())
                .withData("expired", dispatcher.expiredCount())
                .withData("sendPath", writers.current())
                .build();
    }
}
