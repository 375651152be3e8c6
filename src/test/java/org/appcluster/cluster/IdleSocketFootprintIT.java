package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.appcluster.support.JvmFigures;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.NamespaceSocket;
import org.appcluster.support.ServerKind;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a node keeps of its idle sockets, counted in its heap after a full collection: one
 * connection object of ours a socket, none once the sockets are gone, and on WildFly none of
 * the handshake requests (Undertow's exchange, which its upgrade listener would keep for the
 * socket's whole life without {@code HandshakeReleaseFilter}).
 */
@ExtendWith(LocalCluster.Extension.class)
class IdleSocketFootprintIT {

    private static final int EACH = 20;
    private static final String CONNECTION = "org.appcluster.clients.control.ClientConnection";
    private static final String EXCHANGE = "io.undertow.server.HttpServerExchange";
    private static final String HELLO = "/api/1/ws/hello";

    @Test
    void idleSocketsKeepOneConnectionObjectAndNoHandshakeRequest(LocalCluster cluster) throws Exception {
        ServerNode node = cluster.a();
        long pid = JvmFigures.jvmPid(node);
        Map<String, Long> before = settled(pid);

        List<AutoCloseable> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < EACH; i++) {
                sockets.add(SocketClient.connect(node, null));
                sockets.add(NamespaceSocket.open(node, HELLO, null));
            }
            Map<String, Long> open = JvmFigures.liveInstances(pid, Set.of(CONNECTION, EXCHANGE));
            assertEquals(2 * EACH, open.get(CONNECTION) - before.get(CONNECTION),
                    "one connection object for each broadcast and namespace socket: " + open);
            if (ServerKind.current() == ServerKind.WILDFLY) {
                // An exchange serving another request just then is allowed; one kept per socket is not.
                long kept = open.get(EXCHANGE) - before.get(EXCHANGE);
                System.out.printf("Undertow exchanges beside %d open sockets: %d before, %d now%n",
                        2 * EACH, before.get(EXCHANGE), open.get(EXCHANGE));
                assertTrue(kept < EACH / 4, "the handshakes' exchanges were let go: " + open + " against " + before);
            }
        } finally {
            for (AutoCloseable socket : sockets) {
                socket.close();
            }
        }
        Waits.until("the node lets go of the closed sockets", Duration.ofSeconds(20),
                () -> JvmFigures.liveInstances(pid, Set.of(CONNECTION)).get(CONNECTION) <= before.get(CONNECTION));
    }

    /** The counts once the sockets of earlier tests have finished closing: two readings alike. */
    private static Map<String, Long> settled(long pid) {
        AtomicReference<Map<String, Long>> last = new AtomicReference<>(JvmFigures.liveInstances(pid, Set.of(CONNECTION, EXCHANGE)));
        Waits.until("the node's earlier sockets to settle", Duration.ofSeconds(20), () -> {
            Map<String, Long> now = JvmFigures.liveInstances(pid, Set.of(CONNECTION, EXCHANGE));
            return now.get(CONNECTION).equals(last.getAndSet(now).get(CONNECTION));
        });
        return last.get();
    }
}
