package org.appcluster.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import org.appcluster.infra.MongoPing;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while MongoDB answers a ping: writes (to-dos, notifications) need it. */
@Readiness
@ApplicationScoped
public class MongoReadiness implements HealthCheck {

    @Inject
    MongoPing mongo;

    @Override
    public HealthCheckResponse call() {
        OptionalLong millis = mongo.millis();
        return millis.isPresent()
                ? HealthCheckResponse.named("mongodb").up().withData("pingMillis", millis.getAsLong()).build()
                : HealthCheckResponse.named("mongodb").down().build();
    }
}
