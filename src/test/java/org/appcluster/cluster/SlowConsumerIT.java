package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.appcluster.support.StalledClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that stops reading is cut off; everyone else keeps receiving every message. */
@ExtendWith(LocalCluster.Extension.class)
class SlowConsumerIT {

    private static final int MESSAGES = 1200;

    @Test
    void aClientThatNeverReadsIsClosedAndOthersGetEveryMessage(LocalCluster cluster) throws Exception {
        ServerNode node = cluster.a();
        String channel = "view:slowTest:" + UUID.randomUUID().toString().substring(0, 6) + ":sent";
        String padding = "x".repeat(30_000);
        try (SocketClient reader = SocketClient.connect(node, null);
             StalledClient stalled = StalledClient.subscribe(node, channel)) {
            reader.subscribe(channel, false);
            // The stalled client's subscription is in once a probe reaches the reading client after it.
            publish(node, channel, "{\"n\":-1}");
            assertEquals(-1, reader.nextBroadcast().getJsonObject("data").getInt("n"));

            for (int n = 0; n < MESSAGES; n++) {
                publish(node, channel, "{\"n\":" + n + ",\"pad\":\"" + padding + "\"}");
            }
            for (int n = 0; n < MESSAGES; n++) {
                assertEquals(n, reader.nextBroadcast().getJsonObject("data").getInt("n"), "in order, none lost");
            }
            assertEquals(1008, stalled.drainUntilClosed(), "the server closed the client that stopped reading, as a policy violation");
            assertTrue(Files.readString(node.log().toPath()).contains("it stopped reading"));
        }
    }

    /** Publishes, waiting out the per-address rate limit when the loop outruns it. */
    private static void publish(ServerNode node, String channel, String data) {
        Waits.until("a publish accepted", Duration.ofSeconds(10), () -> {
            Http.Response response = Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":" + data + "}");
            assertTrue(response.status() == 200 || response.status() == 429, response.text());
            return response.status() == 200;
        });
    }
}
