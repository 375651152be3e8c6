package org.appcluster.browser;

import static org.appcluster.browser.DemoPages.js;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.appcluster.support.BrowserPage;
import org.appcluster.support.Chromium;
import org.appcluster.support.FaultyProxy;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pages keep working through a lost socket and a lost Redis, without a reload. */
@ExtendWith({LocalCluster.Extension.class, Chromium.Extension.class})
class BrowserResilienceIT {

    private final Chromium browser;

    BrowserResilienceIT(Chromium browser) {
        this.browser = browser;
    }

    @Test
    void aSubscriptionMadeBeforeTheSocketDropsStillDeliversAfterTheReconnect(LocalCluster cluster) {
        BrowserPage page = DemoPages.open(browser, cluster.b(), "");
        String channel = "view:dropTest:" + UUID.randomUUID().toString().substring(0, 6) + ":sent";
        page.eval("window.got = []; window.statuses = [];"
                + "jPulse.appCluster.onConnectionChange(s => statuses.push(s));"
                + "jPulse.appCluster.broadcast.subscribe(" + js(channel) + ", d => got.push(d.n)); true");
        page.waitFor("the subscription to be active", "got.includes(0)", () -> publish(cluster, channel, 0));

        try (SocketClient other = SocketClient.connect(cluster.b(), null)) {
            cluster.b().close(); // the page's node shuts down...
            assertEquals(1001, other.awaitClose(), "a node going down tells its clients it is going away");
        }
        cluster.b().restart(); // ...and comes back on the same port
        page.waitFor("the page to notice the drop", "statuses.includes('disconnected')");
        page.waitFor("the page to reconnect", "jPulse.appCluster.getConnectionStatus() === 'connected'");
        Waits.until("node B to rejoin Redis", Duration.ofSeconds(10), cluster.b()::redisAvailable);

        page.waitFor("a message after the reconnect, without subscribing again", "got.includes(1)", () -> publish(cluster, channel, 1));
        assertEquals(0, page.errors().size(), page.errors().toString());
        page.close(browser);
    }

    @Test
    void pagesSayLocalOnlyWithoutRedisAndKeepSyncingWhenItReturns(LocalCluster cluster) {
        BrowserPage onA = DemoPages.open(browser, cluster.a(), "collaborative-todo.jsp");
        BrowserPage onB = DemoPages.open(browser, cluster.b(), "collaborative-todo.jsp");
        for (BrowserPage page : new BrowserPage[] {onA, onB}) {
            page.eval("window.modes = []; jPulse.appCluster.onClusterModeChange(m => modes.push(m)); true");
            countListLoads(page);
            assertEquals("Cluster mode", page.evalString("document.getElementById('cluster-mode').textContent"));
        }

        cluster.redis().stop();
        try {
            for (BrowserPage page : new BrowserPage[] {onA, onB}) {
                page.waitFor("the page to say local-only", "document.getElementById('cluster-mode').textContent === 'Local-only mode'"
                        + " && jPulse.appCluster.isClusterMode() === false");
            }
        } finally {
            cluster.redis().restart();
        }
        for (BrowserPage page : new BrowserPage[] {onA, onB}) {
            page.waitFor("the page to say cluster again", "document.getElementById('cluster-mode').textContent === 'Cluster mode'"
                    + " && jPulse.appCluster.isClusterMode() === true");
            assertEquals("[false,true]", page.eval("modes").toString());
            // It may have missed changes while Redis was away and was told so: it reads the list again.
            page.waitFor("the to-do page to reload its list after recovered:false", "listLoads >= 1");
        }

        String title = "After the outage " + UUID.randomUUID().toString().substring(0, 6);
        onA.eval("document.getElementById('todo-title').value = " + js(title) + "; document.getElementById('todo-form').requestSubmit(); true");
        onB.waitFor("the to-do on node B without a reload",
                "Array.from(document.querySelectorAll('#todos .title')).some(e => e.textContent === " + js(title) + ")");
        assertEquals("navigate", onB.evalString("performance.getEntriesByType('navigation')[0].type"));
        onA.close(browser);
        onB.close(browser);
    }

    private static void publish(LocalCluster cluster, String channel, int n) {
        Http.Response response = Http.postJson(cluster.a().uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":{\"n\":" + n + "}}");
        assertEquals(200, response.status(), response.text());
    }

    @Test
    void aTodoPageWhoseSocketWasCutShowsWhatAnotherNodeAddedMeanwhileByReplayNotReload(LocalCluster cluster) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        try (FaultyProxy network = FaultyProxy.to(cluster.b().uri("/").getPort())) {
            BrowserPage page = browser.open(URI.create("http://127.0.0.1:" + network.port() + "/hello-app-cluster/collaborative-todo.jsp"));
            page.waitFor("the page's socket to be live", "jPulse.appCluster.getConnectionStatus() === 'connected'");
            page.eval("window.statuses = []; jPulse.appCluster.onConnectionChange(s => statuses.push(s)); true");
            countListLoads(page);
            addOnNodeA(cluster, "Before " + run);
            page.waitFor("a first change, which gives the page its history position", showsTodo("Before " + run));

            network.refuseNewConnections(true);
            network.cutOpenConnections();
            page.waitFor("the page to notice the cut", "statuses.includes('disconnected')");
            List<String> added = List.of("Meanwhile one " + run, "Meanwhile two " + run);
            added.forEach(title -> addOnNodeA(cluster, title));
            network.refuseNewConnections(false);

            page.waitFor("the page to reconnect", "statuses.lastIndexOf('connected') > statuses.indexOf('disconnected')");
            for (String title : added) {
                page.waitFor("'" + title + "' on the page", showsTodo(title));
            }
            assertEquals("0", page.evalString("String(listLoads)"), "replayed from history, not read again");
            assertEquals(0, page.errors().size(), page.errors().toString());
            page.close(browser);
        }
    }

    /** Counts from now on how often the to-do page reads the whole list ({@code window.listLoads}). */
    private static void countListLoads(BrowserPage page) {
        page.eval("window.listLoads = 0; const plainFetch = window.fetch;"
                + "window.fetch = (url, init) => { if (String(url).endsWith('/api/1/helloClusterTodo')"
                + " && (!init || init.method === 'GET')) { listLoads++; } return plainFetch(url, init); }; true");
    }

    private static void addOnNodeA(LocalCluster cluster, String title) {
        Http.Response created = Http.postJson(cluster.a().uri("/api/1/helloClusterTodo"),
                "{\"title\":" + Json.createValue(title) + ",\"user\":\"Ann\"}");
        assertEquals(200, created.status(), created.text());
    }

    private static String showsTodo(String title) {
        return "Array.from(document.querySelectorAll('#todos .title')).some(e => e.textContent === " + js(title) + ")";
    }
}
