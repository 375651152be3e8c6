package org.appcluster.browser;

import static org.appcluster.browser.DemoPages.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.appcluster.support.BrowserPage;
import org.appcluster.support.Chromium;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The jPulse.appCluster API as a page uses it, in a real browser against two real nodes. */
@ExtendWith({LocalCluster.Extension.class, Chromium.Extension.class})
class BrowserLibraryIT {

    private final Chromium browser;

    BrowserLibraryIT(Chromium browser) {
        this.browser = browser;
    }

    private BrowserPage open(ServerNode node) {
        return DemoPages.open(browser, node, "");
    }

    @Test
    void nonViewOrMalformedChannelsThrowAtOnce(LocalCluster cluster) {
        BrowserPage page = open(cluster.a());
        String refused = page.evalString("""
                ['controller:a:b:c', 'model:x:y:z', '*', 'view:a', 'view:a b:c:d', 'view:todo*', 'view:*:x:y'].filter(channel => {
                    try { jPulse.appCluster.broadcast.subscribe(channel, () => {}); return false; } catch (e) { return e instanceof Error; }
                }).length""");
        assertEquals("7", refused);
        assertTrue(page.evalString("(() => { try { jPulse.appCluster.broadcast.subscribe('controller:a:b:c', () => {}); } catch (e) { return e.message; } })()")
                .contains("view:"));
        assertEquals("true", page.evalString("jPulse.appCluster.broadcast.publish('model:a:b:c', {}).then(() => false, e => e instanceof Error)"));
        page.close(browser);
    }

    @Test
    void theModuleImportIsTheSameInstanceAsTheScriptTag(LocalCluster cluster) {
        BrowserPage page = open(cluster.a());
        assertEquals("true", page.evalString("import('/js/jpulse-app-cluster.mjs').then(m => m.appCluster === window.jPulse.appCluster"
                + " && m.default === m.appCluster && typeof m.appCluster.broadcast.subscribe === 'function')"));
        page.close(browser);
    }

    @Test
    void theUuidIsStableAcrossReloadsAndDiffersPerTab(LocalCluster cluster) {
        BrowserPage page = open(cluster.a());
        String uuid = page.evalString("jPulse.appCluster.getUuid()");
        page.reload();
        page.waitFor("the library after reload", "typeof jPulse.appCluster.getUuid === 'function'");
        assertEquals(uuid, page.evalString("jPulse.appCluster.getUuid()"));
        BrowserPage other = open(cluster.a());
        assertNotEquals(uuid, other.evalString("jPulse.appCluster.getUuid()"));
        page.close(browser);
        other.close(browser);
    }

    @Test
    void writesCarryTheUuidWhichOnlyTheWritingPageSeesBack(LocalCluster cluster) {
        BrowserPage page = open(cluster.a());
        String uuid = page.evalString("jPulse.appCluster.getUuid()");
        assertEquals("true", page.evalString("""
                jPulse.appCluster.fetch('/api/1/helloClusterTodo/stats').then(async response => {
                    const json = await response.json();
                    return response.success === true && json.success === true && response.ok && response.status === 200
                        && typeof response.data.total === 'number';
                })"""));
        page.eval("window.own = []; jPulse.appCluster.broadcast.subscribe('view:helloClusterTodo:list:changed', d => own.push(d)); true");
        try (SocketClient listener = SocketClient.connect(cluster.b(), null)) {
            listener.subscribe("view:helloClusterTodo:list:changed", false);
            // A to-do from elsewhere proves the page's subscription is in place.
            String probe = Http.postJson(cluster.b().uri("/api/1/helloClusterTodo"), "{\"title\":\"probe\"}").body()
                    .getJsonObject("item").getString("id");
            page.waitFor("the page's subscription", "own.some(d => d.todo.id === " + js(probe) + ")");
            listener.nextBroadcast();

            String objectBody = page.evalString("jPulse.appCluster.fetch('/api/1/helloClusterTodo', {method: 'POST', body: {title: "
                    + js("object body") + "}}).then(r => r.item.id)");
            String textBody = page.evalString("jPulse.appCluster.fetch('/api/1/helloClusterTodo', {method: 'POST', body: JSON.stringify({title: "
                    + js("JSON text body") + "})}).then(r => r.item.id)");
            page.evalString("jPulse.appCluster.fetch('/api/1/helloClusterTodo/" + objectBody + "', {method: 'DELETE'}).then(r => r.success)");
            for (String id : new String[] {objectBody, textBody, objectBody}) {
                var broadcast = listener.nextBroadcast().getJsonObject("data");
                assertEquals(id, broadcast.getJsonObject("todo").getString("id"));
                assertFalse(broadcast.containsKey("uuid"), "another client never learns the page's uuid: " + broadcast);
            }
            // The page's own frames name its uuid: the node honoured it, so omitSelf would skip them.
            for (String id : new String[] {objectBody, textBody}) {
                page.waitFor("the page's own broadcast of " + id, "own.some(d => d.todo.id === " + js(id) + " && d.uuid === " + js(uuid) + ")");
            }
            page.waitFor("the page's own delete", "own.some(d => d.action === 'deleted' && d.uuid === " + js(uuid) + ")");
        }
        page.close(browser);
    }

    @Test
    void fetchKeepsTheResponseMembersAndSendsTheTokenToThisSiteOnly(LocalCluster cluster) {
        BrowserPage page = open(cluster.a());
        page.eval("jPulse.appCluster.broadcast.subscribe('view:libTest:token:wait', () => {}); true");
        page.waitFor("the socket and its token", "jPulse.appCluster.getConnectionStatus() === 'connected'");
        // The seed's PUT /api/1/user/status answers {"success":true,"status":"away"}.
        assertEquals("200,true,true,away,1,function,function,token,none", page.evalString("""
                (() => {
                    const real = window.fetch;
                    const tokens = [];
                    window.fetch = (url, init) => {
                        tokens.push(init.headers.get('X-Client-Token') ? 'token' : 'none');
                        return Promise.resolve(new Response('{"success":true,"status":"away","json":1,"text":2,"ok":"x"}',
                            {status: 200, headers: {'Content-Type': 'application/json'}}));
                    };
                    return jPulse.appCluster.fetch('/api/1/user/status', {method: 'PUT', body: {status: 'away'}})
                        .then(async r => {
                            await jPulse.appCluster.fetch('https://elsewhere.example/api', {method: 'POST', body: {}});
                            window.fetch = real;
                            const body = await r.json();
                            return [r.status, r.ok, r.success, body.status, body.json, typeof r.json, typeof r.text, ...tokens].join(',');
                        });
                })()"""));
        page.close(browser);
    }

    @Test
    void wildcardsAndOmitSelfOnSubscribeAndPublishBehaveAsAsked(LocalCluster cluster) {
        BrowserPage page = open(cluster.a());
        String channel = "view:libTest" + UUID.randomUUID().toString().substring(0, 6) + ":msg:sent";
        String wildcard = channel.substring(0, channel.indexOf(':', 5) + 1) + "*";
        page.eval("window.got = [];"
                + "jPulse.appCluster.broadcast.subscribe(" + js(wildcard) + ", d => got.push('wild:' + d.n));"
                + "jPulse.appCluster.broadcast.subscribe(" + js(channel) + ", d => got.push('omit:' + d.n), {omitSelf: true});"
                + "jPulse.appCluster.broadcast.subscribe(" + js(channel) + ", d => got.push('keep:' + d.n), {omitSelf: false}); true");
        // A probe from another client proves the subscriptions reached the node before we count.
        page.waitFor("the subscriptions to be active", "got.includes('keep:0')", () -> publishFrom(cluster.b(), channel, 0));
        page.waitFor("the probe on every subscription", "got.filter(g => g.endsWith(':0')).length >= 3");
        page.eval("got = []; true");

        page.eval("jPulse.appCluster.broadcast.publish(" + js(channel) + ", {n: 1})");
        publishFrom(cluster.b(), channel, 2);
        page.eval("jPulse.appCluster.broadcast.publish(" + js(channel) + ", {n: 3}, {omitSelf: true})");
        page.eval("jPulse.appCluster.broadcast.publish(" + js(channel) + ", {n: 4}, {omitSelf: true})");
        publishFrom(cluster.b(), channel, 5);
        page.waitFor("the last message", "got.includes('keep:5')");

        // A probe published just before the subscriptions were seen active may still arrive late.
        assertEquals("[\"wild:1\",\"keep:1\",\"wild:2\",\"omit:2\",\"keep:2\",\"wild:5\",\"omit:5\",\"keep:5\"]",
                page.eval("got.filter(g => !g.endsWith(':0'))").toString());
        page.close(browser);
    }

    /** Publishes through REST from outside the page, as another client would. */
    private static void publishFrom(ServerNode node, String channel, int n) {
        Http.Response response = Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":{\"n\":" + n + "}}");
        assertEquals(200, response.status(), response.text());
    }
}
