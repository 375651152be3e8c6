package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.appcluster.support.StalledClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A page that only listens stays connected: the node pings its socket, and the pongs are the
 * traffic that servers and proxies want to see. WildFly closes a WebSocket that read nothing for
 * its listener's read timeout (90 s by default); this node's is cut to 2 s (Undertow's
 * {@code io.undertow.websockets.core.read-timeout}; Payara ignores it), its pings to one a second.
 * A socket that answers no ping at all is taken for gone and closed.
 */
@ExtendWith(LocalCluster.Extension.class)
class KeepAliveIT {

    private static final String CHANNEL = "view:keepAliveTest:message:sent";
    private static final int READ_TIMEOUT_MILLIS = 2000;

    @Test
    void aSocketThatNeverSendsStaysOpenPastTheServersReadTimeout(LocalCluster cluster) {
        try (ServerNode node = cluster.launchExtraNode("node-keepalive", Map.of(
                     "websocket.keep-alive-seconds", "1",
                     "io.undertow.websockets.core.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS)));
             SocketClient listener = SocketClient.connect(node, null)) {
            listener.subscribe(CHANNEL, false);

            // Silent for three read timeouts: long enough for any of them to have closed the socket.
            Waits.until("six keep-alive pings", Duration.ofSeconds(30), () -> listener.pingsReceived() >= 6 || !listener.isOpen());
            assertNull(listener.closeCode(), "the node kept the quiet socket open");

            Http.Response published = Http.postJson(cluster.b().uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":{\"n\":1}}");
            assertEquals(200, published.status(), published.text());
            assertEquals(1, listener.nextBroadcast().getJsonObject("data").getInt("n"), "and it still gets every message");
        }
    }

    @Test
    void aSocketThatAnswersNoPingIsClosedAfterThreeIntervalsAndOneThatAnswersStays(LocalCluster cluster) {
        try (ServerNode node = cluster.launchExtraNode("node-silent", Map.of("websocket.keep-alive-seconds", "1"));
             SocketClient answering = SocketClient.connect(node, null);
             StalledClient silent = StalledClient.subscribe(node, CHANNEL)) {
            long opened = System.nanoTime();
            assertEquals(1001, silent.drainUntilClosed(), "closed as gone, with a close frame");
            System.out.printf("A socket that answered no ping was closed %d ms after it opened (keep-alive 1 s)%n",
                    Duration.ofNanos(System.nanoTime() - opened).toMillis());
            assertTrue(answering.pingsReceived() >= 3, "the other socket was pinged meanwhile: " + answering.pingsReceived());
            assertNull(answering.closeCode(), "and, having answered, stays open");
        }
    }
}
