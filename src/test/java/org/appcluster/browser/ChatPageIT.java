package org.appcluster.browser;

import static org.appcluster.browser.DemoPages.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.appcluster.support.BrowserPage;
import org.appcluster.support.Chromium;
import org.appcluster.support.FaultyProxy;
import org.appcluster.support.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's "Use BOTH" chat in two Chromium pages on two nodes, signed in as two users: they
 * see each other online and typing, chat, change status, and keep chatting after one page's
 * connection is cut. Node B's page goes through a proxy on {@code localhost}, a host of its own,
 * so the two pages keep separate session cookies.
 */
@ExtendWith({LocalCluster.Extension.class, Chromium.Extension.class})
class ChatPageIT {

    private final Chromium browser;

    ChatPageIT(Chromium browser) {
        this.browser = browser;
    }

    private BrowserPage signedIntoChat(URI base, String room, String username, String password) {
        BrowserPage page = browser.open(base.resolve("/signin.jsp?next=" + java.net.URLEncoder.encode(
                "/hello-app-cluster/chat.jsp?room=" + room, java.nio.charset.StandardCharsets.UTF_8)));
        page.waitFor("the sign-in form", "!!document.getElementById('signin-form')");
        page.eval("document.getElementById('signin-username').value = " + js(username) + ";"
                + "document.getElementById('signin-password').value = " + js(password) + ";"
                + "document.getElementById('signin-form').requestSubmit(); true");
        page.waitFor("the chat, connected", "location.pathname === '/hello-app-cluster/chat.jsp'"
                + " && document.getElementById('chat-connection')?.textContent === 'connected'");
        return page;
    }

    private static String online(String username, String status) {
        return "document.querySelector(`#online li[data-username='" + username + "']`)?.className === 'status-" + status + "'";
    }

    private static String shows(String text) {
        return "[...document.querySelectorAll('#messages .chat-text')].some(p => p.textContent === " + js(text) + ")";
    }

    private static void say(BrowserPage page, String text) {
        page.eval("document.getElementById('message').value = " + js(text) + ";"
                + "document.getElementById('message-form').requestSubmit(); true");
    }

    @Test
    void twoUsersOnTwoNodesChatSeeEachOtherAndKeepChattingAfterACut(LocalCluster cluster) {
        String room = "page" + UUID.randomUUID().toString().substring(0, 6);
        Path screenshots = Path.of(System.getProperty("app.buildDir"), "screenshots");
        try (FaultyProxy network = FaultyProxy.to(cluster.b().uri("/").getPort())) {
            BrowserPage ops = signedIntoChat(cluster.a().uri("/"), room, LocalCluster.ADMIN, LocalCluster.ADMIN_PASSWORD);
            BrowserPage viewer = signedIntoChat(URI.create("http://localhost:" + network.port() + "/"), room,
                    LocalCluster.USER, LocalCluster.USER_PASSWORD);

            for (BrowserPage page : new BrowserPage[] {ops, viewer}) {
                page.waitFor("both users online", online(LocalCluster.ADMIN, "available") + " && " + online(LocalCluster.USER, "available"));
            }

            ops.eval("const input = document.getElementById('message'); input.value = 'typ';"
                    + "input.dispatchEvent(new Event('input')); true");
            viewer.waitFor("the other user typing", "document.getElementById('typing').textContent.includes(" + js(LocalCluster.ADMIN) + ")");

            String attack = "<img src=x onerror=alert(1)> hi from node A";
            say(ops, attack);
            viewer.waitFor("the message, as text", shows(attack));
            assertEquals("0", viewer.evalString("String(document.querySelectorAll('#messages img').length)"));
            viewer.waitFor("the typing line cleared by the message", "document.getElementById('typing').textContent === ''");

            viewer.eval("const status = document.getElementById('status'); status.value = 'away';"
                    + "status.dispatchEvent(new Event('change')); true");
            ops.waitFor("the other user away", online(LocalCluster.USER, "away"));

            ops.screenshot(screenshots.resolve("chat-node-a.png"));
            viewer.screenshot(screenshots.resolve("chat-node-b.png"));

            viewer.eval("window.chatStatuses = []; jPulse.ws.connect(" + js("/api/1/ws/chat/" + room)
                    + ").onStatusChange(s => chatStatuses.push(s)); true");
            network.refuseNewConnections(true);
            network.cutOpenConnections();
            viewer.waitFor("the cut page reconnecting", "chatStatuses.includes('reconnecting')");
            String meanwhile = "said while node B's page was cut " + UUID.randomUUID().toString().substring(0, 6);
            say(ops, meanwhile);
            ops.waitFor("the message on its own page", shows(meanwhile));
            network.refuseNewConnections(false);
            viewer.waitFor("the cut page connected again", "chatStatuses.lastIndexOf('connected') > chatStatuses.indexOf('reconnecting')");
            viewer.waitFor("what was said meanwhile, from the room's history", shows(meanwhile));

            String reply = "back on node B";
            say(viewer, reply);
            ops.waitFor("the reconnected page's message on node A", shows(reply));
            assertTrue(viewer.dialogs().isEmpty() && ops.dialogs().isEmpty(), "no script ran from a message");
            assertTrue(ops.errors().isEmpty(), ops.errors().toString());

            viewer.viewport(390, 844, true);
            viewer.screenshot(screenshots.resolve("chat-phone.png"));
            // Signed out again, as the other browser tests leave the shared browser.
            for (BrowserPage page : new BrowserPage[] {viewer, ops}) {
                page.eval("fetch('/api/1/auth/signout', {method: 'POST'}).then(r => r.status)");
                page.close(browser);
            }
        }
    }
}
