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
    @ConfigProperty(name = "mongo.embedded.file")
    Optional<String> embeddedFile;

    @Inject
    @ConfigProperty(name = "mongo.database", defaultValue = "appcluster")
    String databaseName;

    private EmbeddedMongoServer embedded;
    private MongoClient client;

    @PostConstruct
    void connect() {
        String uri = configuredUri.filter(value -> !value.isBlank()).orElseGet(() -> {
            embedded = startEmbedded(embeddedFile.filter(value -> !value.isBlank()).orElse(null));
            return embedded.uri();
        });
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    /** A data file another node holds, or cannot read, costs persistence, not the node. */
    private static EmbeddedMongoServer startEmbedded(String file) {
        if (file != null) {
            try {
                EmbeddedMongoServer server = EmbeddedMongoServer.start(0, file);
                LOG.info(() -> "No mongo.uri configured: embedded MongoDB at " + server.uri() + ", data in " + file);
                return server;
            } catch (IllegalStateException e) {
                LOG.warning(() -> e.getMessage() + ". Keeping this node's data in memory; give each node its own "
                        + "mongo.embedded.file, or share one MongoDB through mongo.uri");
            }
        }
        EmbeddedMongoServer server = EmbeddedMongoServer.start(0, null);
        LOG.info(() -> "No mongo.uri configured: embedded MongoDB at " + server.uri() + ", data in memory");
        return server;
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
