package org.appcluster.health;

import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while MongoDB answers a ping: writes (to-dos, notifications) need it. */
@Readiness
@ApplicationScoped
public class MongoReadiness implements HealthCheck {

    @Inject
    MongoDatabase database;

    @Override
    public HealthCheckResponse call() {
        try {
            long started = System.nanoTime();
            database.runCommand(new Document("ping", 1));
            return HealthCheckResponse.named("mongodb").up()
                    .withData("pingMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("mongodb").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
