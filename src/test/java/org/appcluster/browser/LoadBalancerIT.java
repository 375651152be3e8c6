package org.appcluster.browser;

import static org.appcluster.browser.DemoPages.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.appcluster.support.BrowserPage;
import org.appcluster.support.Chromium;
import org.appcluster.support.FreePorts;
import org.appcluster.support.HaProxy;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.Nginx;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The nginx and HAProxy configurations in server-config/, in front of both nodes, used as clients would. */
@ExtendWith({LocalCluster.Extension.class, Chromium.Extension.class})
class LoadBalancerIT {

    /**
     * Plain HTTP/1.1 as browsers speak it: the JDK client's default offers an h2c upgrade, which
     * HAProxy answers by tunnelling the connection to one node for good.
     */
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Below the per-address publish limit (200/s), since every publish here comes from one address. */
    private static final Duration PUBLISH_PACE = Duration.ofMillis(20);

    private final Chromium browser;

    LoadBalancerIT(Chromium browser) {
        this.browser = browser;
    }

    @Test
    void socketsAndPublishesGoThroughTheProxy(LocalCluster cluster) {
        String channel = "view:proxyTest:" + UUID.randomUUID().toString().substring(0, 6) + ":sent";
        try (Nginx nginx = Nginx.inFrontOf(List.of(cluster.a(), cluster.b()));
             SocketClient viaProxy = SocketClient.connectThrough(URI.create(nginx.uri("/api/1/ws/jp-broadcast").toString().replace("http", "ws")), nginx.origin());
             SocketClient onB = SocketClient.connect(cluster.b(), null)) {
            viaProxy.subscribe(channel, false);
            onB.subscribe(channel, false);

            Http.Response published = Http.postJson(nginx.uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":{\"n\":1}}");
            assertEquals(200, published.status(), published.text());
            assertEquals(1, viaProxy.nextBroadcast().getJsonObject("data").getInt("n"));
            assertEquals(1, onB.nextBroadcast().getJsonObject("data").getInt("n"));

            CompletionException refused = assertThrows(CompletionException.class, () -> SocketClient.connectThrough(
                    URI.create(nginx.uri("/api/1/ws/jp-broadcast").toString().replace("http", "ws")), "https://evil.example"));
            assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode());
        }
    }

    @Test
    void aPageServedThroughTheProxySyncsWithAPageOnANode(LocalCluster cluster) {
        try (Nginx nginx = Nginx.inFrontOf(List.of(cluster.a(), cluster.b()))) {
            BrowserPage viaProxy = browser.open(nginx.uri("/hello-app-cluster/collaborative-todo.jsp"));
            viaProxy.waitFor("the page's socket, through nginx, to be live", "jPulse.appCluster.getConnectionStatus() === 'connected'");
            BrowserPage onB = DemoPages.open(browser, cluster.b(), "collaborative-todo.jsp");
            String title = "Through the proxy " + UUID.randomUUID().toString().substring(0, 6);
            viaProxy.eval("document.getElementById('todo-title').value = " + js(title) + "; document.getElementById('todo-form').requestSubmit(); true");
            onB.waitFor("the to-do on node B", "Array.from(document.querySelectorAll('#todos .title')).some(e => e.textContent === " + js(title) + ")");
            viaProxy.close(browser);
            onB.close(browser);
        }
    }

    @Test
    void haproxyCarriesSocketsAndPublishesAndSendsNothingToANodeUntilItIsReady(LocalCluster cluster) {
        String channel = "view:haproxyTest:" + UUID.randomUUID().toString().substring(0, 6) + ":sent";
        try (HaProxy haproxy = HaProxy.inFrontOf(cluster.nodes());
             SocketClient viaProxy = SocketClient.connectThrough(URI.create(haproxy.uri("/api/1/ws/jp-broadcast").toString().replace("http", "ws")), haproxy.origin());
             SocketClient onA = SocketClient.connect(cluster.a(), null)) {
            viaProxy.subscribe(channel, false);
            onA.subscribe(channel, false);
            Http.Response published = postJson(haproxy.uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":{\"n\":1}}");
            assertEquals(200, published.status(), published.text());
            assertEquals(1, viaProxy.nextBroadcast().getJsonObject("data").getInt("n"));
            assertEquals(1, onA.nextBroadcast().getJsonObject("data").getInt("n"));

            // Node B dies and starts again (its port opens long before it can serve) while
            // publishes go through HAProxy at a steady pace: all but what was in flight at the kill succeed.
            Map<Integer, Integer> answers = new ConcurrentSkipListMap<>();
            AtomicBoolean restarted = new AtomicBoolean();
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                for (int n = 0; !restarted.get(); n++) {
                    int status;
                    try {
                        status = postJson(haproxy.uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":{\"n\":" + n + "}}").status();
                    } catch (UncheckedIOException e) {
                        status = -1; // no answer at all
                    }
                    answers.merge(status, 1, Integer::sum);
                    LockSupport.parkNanos(PUBLISH_PACE.toNanos());
                }
            });
            cluster.b().kill();
            cluster.b().restart();
            restarted.set(true);
            load.join();
            int total = answers.values().stream().mapToInt(Integer::intValue).sum();
            int failed = total - answers.getOrDefault(200, 0);
            System.out.printf("Through HAProxy across node B's kill and restart: %d publishes, answers %s%n", total, answers);
            assertTrue(total > 100 && failed <= total / 100, "at most 1 % without a usable answer: " + answers);
        }
    }

    @Test
    void haproxySendsNothingToANodeThatIsNotReady(LocalCluster cluster) {
        // Node C serves, but its MongoDB never answers: /health/ready is DOWN and to-do writes there fail.
        try (ServerNode withoutMongo = cluster.launchExtraNode("node-c", Map.of("mongo.uri", "mongodb://127.0.0.1:" + FreePorts.next()));
             HaProxy haproxy = HaProxy.inFrontOf(List.of(cluster.a(), withoutMongo))) {
            // HAProxy counts a server up until its checks fail: this is the state it settles in.
            haproxy.awaitDown(withoutMongo);
            Map<Integer, Integer> answers = new ConcurrentSkipListMap<>();
            for (int i = 0; i < 20; i++) {
                Http.Response created = postJson(haproxy.uri("/api/1/helloClusterTodo"), "{\"title\":\"Via HAProxy " + i + "\",\"user\":\"Ann\"}");
                answers.merge(created.status(), 1, Integer::sum);
                LockSupport.parkNanos(PUBLISH_PACE.toNanos() * 2); // the to-do limit of the test nodes is 50/s
            }
            assertEquals(Map.of(200, 20), answers, "every write went to the ready node");
        }
    }

    private static Http.Response postJson(URI uri, String json) {
        return Http.send(HTTP_1_1, HttpRequest.newBuilder(uri).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
