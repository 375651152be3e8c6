package org.appcluster.infra;

import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/** Whether MongoDB answers, and how fast: for readiness and the admin console. */
@ApplicationScoped
public class MongoPing {

    @Inject
    MongoDatabase database;

    /** The round trip of a ping in milliseconds, or empty when MongoDB does not answer. */
    public OptionalLong millis() {
        try {
            long started = System.nanoTime();
            database.runCommand(new Document("ping", 1));
            return OptionalLong.of(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
