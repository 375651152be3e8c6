package org.appcluster.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.appcluster.broadcast.control.BroadcastDispatcher;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the dispatcher thread that delivers every broadcast is running. */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {

    @Inject
    BroadcastDispatcher dispatcher;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("broadcast-dispatcher")
                .status(dispatcher.isRunning())
                .withData("dropped", dispatcher.droppedCount())
                .build();
    }
}
