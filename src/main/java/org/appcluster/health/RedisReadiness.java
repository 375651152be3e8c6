package org.appcluster.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.broadcast.control.RedisBus;
import org.appcluster.infra.ClusterSettings;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the Redis link. Without Redis the node still serves its own clients, so this check
 * stays UP and says {@code local-only}: taking the node out of the load balancer would help no one.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    @Inject
    Broadcaster broadcaster;

    @Inject
    ClusterSettings settings;

    @Inject
    RedisBus bus;

    @Override
    public HealthCheckResponse call() {
        String delivery = broadcaster.isRedisAvailable() ? "cluster" : "local-only";
        return HealthCheckResponse.named("redis")
                .up()
                .withData("delivery", delivery)
                .withData("configured", settings.redisConfigured())
                .withData("mode", settings.redisMode())
                .withData("instanceId", settings.instanceId())
                .withData("probeRoundTripMillis", bus.probeRoundTripMillis())
                .withData("subscriberRestarts", bus.subscriberRestartCount())
                .withData("unsubscribedShards", bus.unsubscribedShardCount())
                .build();
    }
}
