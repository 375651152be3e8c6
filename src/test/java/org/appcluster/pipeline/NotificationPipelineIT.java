package org.appcluster.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.ConstraintViolationException;
import java.io.File;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.infra.ApiException;
import org.appcluster.notifications.boundary.NotificationsResource;
import org.appcluster.notifications.control.NotificationBroadcaster;
import org.appcluster.notifications.entity.NotificationRequest;
import org.bson.types.ObjectId;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside Payara Micro: a notification goes resource → MongoDB → CDI event → singleton EJB →
 * broadcast, and a write that fails broadcasts nothing.
 */
@ExtendWith(ArquillianExtension.class)
class NotificationPipelineIT {

    @Deployment
    static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("app.war")));
    }

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    NotificationsResource notifications;

    @Inject
    Broadcaster broadcaster;

    @Inject
    MongoDatabase database;

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private AutoCloseable subscription;

    @BeforeEach
    void listen() {
        subscription = broadcaster.subscribe(NotificationBroadcaster.CHANNEL, (channel, data, source) -> received.add(data));
    }

    @AfterEach
    void stopListening() throws Exception {
        subscription.close();
    }

    private JsonObject send(String json) {
        return notifications.send(JSONB.fromJson(json, NotificationRequest.class), null);
    }

    private JsonObject nextBroadcast() throws InterruptedException {
        JsonObject data = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(data, "no broadcast within 10 s");
        return data;
    }

    @Test
    void aStoredNotificationIsBroadcastWithItsStoredId() throws Exception {
        JsonObject response = send("{\"message\":\"Deploy at 5\",\"level\":\"error\",\"uuid\":\"tab-1\"}");
        String id = response.getJsonObject("data").getString("id");

        JsonObject broadcast = nextBroadcast();
        assertEquals(id, broadcast.getString("id"));
        assertEquals("Deploy at 5", broadcast.getString("message"));
        assertTrue(broadcast.getBoolean("critical"));
        assertFalse(broadcast.containsKey("uuid"), "no subscriber, server callbacks included, learns a client's uuid");
        assertNotNull(database.getCollection("notifications").find(Filters.eq("_id", new ObjectId(id))).first());
    }

    @Test
    void aWriteRefusedByTheDatabaseBroadcastsNothing() throws Exception {
        // The embedded database file outlives a run (bin/test runs the suite twice), so ids are fresh.
        String duplicated = "req-dup-" + UUID.randomUUID();
        send("{\"message\":\"first\",\"level\":\"info\",\"requestId\":\"" + duplicated + "\"}");
        assertEquals("first", nextBroadcast().getString("message"));

        ApiException duplicate = assertThrows(ApiException.class,
                () -> send("{\"message\":\"retry\",\"level\":\"info\",\"requestId\":\"" + duplicated + "\"}"));
        assertEquals(409, duplicate.status());
        send("{\"message\":\"after\",\"level\":\"info\",\"requestId\":\"req-after-" + UUID.randomUUID() + "\"}");

        // The refused retry left nothing behind: the next broadcast is the later notification.
        assertEquals("after", nextBroadcast().getString("message"));
        assertEquals(1, database.getCollection("notifications").countDocuments(Filters.eq("requestId", duplicated)));
    }

    @Test
    void anInvalidRequestIsNeitherStoredNorBroadcast() throws Exception {
        long before = database.getCollection("notifications").countDocuments();
        // Bean Validation refuses it before the resource runs (JAX-RS answers that with a 400).
        assertThrows(ConstraintViolationException.class, () -> send("{\"message\":\" \",\"level\":\"loud\"}"));
        assertEquals(before, database.getCollection("notifications").countDocuments());
        send("{\"message\":\"valid\",\"level\":\"success\"}");
        assertEquals("valid", nextBroadcast().getString("message"));
    }

    @Test
    void withoutRedisPublishingDeliversLocallyAndSaysSo() throws Exception {
        assertFalse(broadcaster.isRedisAvailable());
        assertFalse(broadcaster.publish(NotificationBroadcaster.CHANNEL, java.util.Map.of("message", "local")));
        assertEquals("local", nextBroadcast().getString("message"));
    }
}
