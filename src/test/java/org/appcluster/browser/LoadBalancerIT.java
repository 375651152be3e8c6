package org.appcluster.browser;

import static org.appcluster.browser.DemoPages.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.appcluster.support.BrowserPage;
import org.appcluster.support.Chromium;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.Nginx;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The nginx configuration in server-config/, in front of both nodes, used as clients would. */
@ExtendWith({LocalCluster.Extension.class, Chromium.Extension.class})
class LoadBalancerIT {

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
}
