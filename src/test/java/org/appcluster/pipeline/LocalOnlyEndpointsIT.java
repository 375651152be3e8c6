package org.appcluster.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import org.appcluster.support.Http;
import org.appcluster.support.SocketClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST and WebSocket endpoints of one Payara Micro node with no Redis configured. */
@ExtendWith(ArquillianExtension.class)
class LocalOnlyEndpointsIT {

    @Deployment(testable = false)
    static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("app.war")));
    }

    @ArquillianResource
    URL base;

    private URI uri(String path) throws Exception {
        return base.toURI().resolve(path);
    }

    @Test
    void statusReportsLocalOnlyMode() throws Exception {
        JsonObject status = Http.getJson(uri("/api/1/app-cluster/broadcast/status")).body();
        assertTrue(status.getBoolean("success"));
        JsonObject data = status.getJsonObject("data");
        assertFalse(data.getBoolean("redisAvailable"));
        assertFalse(data.getBoolean("broadcastEnabled"));
        assertEquals("single", data.getString("redisMode"));
        assertFalse(data.getString("instanceId").isBlank());
    }

    @Test
    void aRestPublishReachesThisNodesSocketsWithoutRedis() throws Exception {
        String channel = "view:localTest:message:sent";
        try (SocketClient client = SocketClient.connect(base.toURI(), null)) {
            client.subscribe(channel, false);
            Http.Response response = Http.postJson(uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":{\"text\":\"hello\"}}");

            assertEquals(200, response.status(), response.text());
            assertTrue(response.body().getJsonObject("data").getBoolean("fallback"));
            JsonObject broadcast = client.nextBroadcast();
            assertEquals(channel, broadcast.getString("channel"));
            assertEquals("hello", broadcast.getJsonObject("data").getString("text"));
        }
    }

    @Test
    void theConnectedFrameAnnouncesTheLimits() throws Exception {
        try (SocketClient client = SocketClient.connect(base.toURI(), "0b7d5c4e-1f2a-4b3c-8d9e-0a1b2c3d4e5f")) {
            assertEquals("0b7d5c4e-1f2a-4b3c-8d9e-0a1b2c3d4e5f", client.clientId());
            JsonObject limits = client.connectedFrame().getJsonObject("data").getJsonObject("limits");
            assertEquals(65536, limits.getInt("maxSize"));
            assertEquals(1000, limits.getInt("interval"));
            assertEquals(50, limits.getInt("maxMessages"));
            assertEquals("/api/1/ws/jp-broadcast", client.connectedFrame().getJsonObject("data").getString("namespace"));
        }
    }
}
