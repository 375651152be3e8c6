package org.appcluster.infra;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The node's MongoDB: {@code mongo.uri} when set, otherwise an embedded server on a loopback port. */
@ApplicationScoped
public class MongoProducer {

    private static final Logger LOG = Logger.getLogger(MongoProducer.class.getName());

    @Inject
    @ConfigProperty(name = "mongo.uri")
    Optional<String> configuredUri;

    @Inject
    @ConfigProperty(name = "mongo.database", defaultValue = "appcluster")
    String databaseName;

    private EmbeddedMongoServer embedded;
    private MongoClient client;

    @PostConstruct
    void connect() {
        String uri = configuredUri.filter(value -> !value.isBlank()).orElseGet(() -> {
            embedded = EmbeddedMongoServer.start(0);
            LOG.info(() -> "No mongo.uri configured: embedded MongoDB at " + embedded.uri() + " (data lives in memory)");
            return embedded.uri();
        });
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    @Produces
    public MongoDatabase database() {
        return client.getDatabase(databaseName);
    }

    @PreDestroy
    void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
