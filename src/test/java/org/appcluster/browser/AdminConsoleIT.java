package org.appcluster.browser;

import static org.appcluster.browser.DemoPages.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.appcluster.support.BrowserPage;
import org.appcluster.support.Chromium;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An operator signs in through the page and watches the cluster in the console. */
@ExtendWith({LocalCluster.Extension.class, Chromium.Extension.class})
class AdminConsoleIT {

    /** Every node-table cell but the instance id renders its text on one line. */
    private static final String EVERY_CELL_ON_ONE_LINE = "[...document.querySelectorAll('#instances th, #instances td:not(:first-child)')]"
            + ".every(cell => { const r = document.createRange(); r.selectNodeContents(cell);"
            + " return new Set([...r.getClientRects()].map(rect => Math.round(rect.top))).size <= 1; })";

    private static final String CHARTED_CHANNEL = "view:admin:charts:traffic";
    private static final String CHARTS_DRAWN = "['chart-broadcasts', 'chart-frames', 'chart-clients'].every(id => ['node-a', 'node-b']"
            + ".every(node => document.querySelector(`#${id} polyline[data-series='${node}']`)))"
            + " && Number(document.getElementById('chart-frames').dataset.max) > 0"
            + " && document.querySelector(\"#chart-p99 polyline[data-series='node-b']\") !== null"
            + " && document.querySelector('#chart-frames .chart-legend').textContent.includes('node-b: ')";

    private final Chromium browser;

    AdminConsoleIT(Chromium browser) {
        this.browser = browser;
    }

    @Test
    void anOperatorSignsInAndSeesEveryNode(LocalCluster cluster) {
        BrowserPage page = browser.open(cluster.a().uri("/admin/"));
        page.waitFor("the sign-in page", "location.pathname === '/signin.jsp' && !!document.getElementById('signin-form')");
        page.eval("document.getElementById('signin-username').value = " + js(LocalCluster.ADMIN) + ";"
                + "document.getElementById('signin-password').value = " + js(LocalCluster.ADMIN_PASSWORD) + ";"
                + "document.getElementById('signin-form').requestSubmit(); true");
        page.waitFor("the console after signing in", "location.pathname === '/admin/'");
        page.waitFor("both nodes listed as up", "['node-a', 'node-b'].every(id => "
                + "document.querySelector(`#instances tr[data-instance='${id}']`)?.dataset.status === 'up')");
        assertEquals(LocalCluster.ADMIN, page.evalString("document.getElementById('admin-user').textContent"));
        page.waitFor("Redis and MongoDB facts", "document.getElementById('stores').textContent.includes('MongoDB')");
        try (SocketClient subscriber = SocketClient.connect(cluster.b(), null)) {
            subscriber.subscribe(CHARTED_CHANNEL, false);
            // Each node's heartbeats feed its line; frames and publish-to-send times come from node B's subscriber.
            page.waitFor("a line per node in the charts, with frames out and a publish-to-send p99", CHARTS_DRAWN,
                    () -> Http.postJson(cluster.a().uri("/api/1/app-cluster/broadcast/" + CHARTED_CHANNEL), "{\"data\":{\"chart\":true}}"));
        }
        page.screenshot(Path.of(System.getProperty("app.buildDir"), "screenshots", "admin.png"));
        assertTrue(page.errors().isEmpty(), page.errors().toString());
        // Real instance ids are long (host:port:pid); with one, no heading or value may break.
        page.eval("document.querySelector('#instances tbody td').textContent = 'app-cluster-7.internal.example.com:8080:1234567'; true");
        assertTrue(page.evalBoolean(EVERY_CELL_ON_ONE_LINE), "a heading or value breaks at desktop width");
        page.viewport(390, 844, true);
        assertTrue(page.evalBoolean(EVERY_CELL_ON_ONE_LINE), "a heading or value breaks at phone width");
        page.screenshot(Path.of(System.getProperty("app.buildDir"), "screenshots", "admin-phone.png"));
        page.viewport(1280, 900, false);

        // Pattern 2: a critical notice from the console is a dialog on every demo page, as text.
        BrowserPage demo = DemoPages.open(browser, cluster.b(), "notifications.jsp");
        String notice = "<img src=x onerror=alert(1)> Maintenance now " + java.util.UUID.randomUUID().toString().substring(0, 6);
        page.eval("document.getElementById('notice-message').value = " + js(notice) + ";"
                + "document.getElementById('notice-level').value = 'error';"
                + "document.getElementById('notice-form').requestSubmit(); true");
        page.waitFor("the console's answer", "document.getElementById('notice-result').textContent !== ''");
        assertEquals("Sent to every node.", page.evalString("document.getElementById('notice-result').textContent"));
        demo.waitFor("the critical notice as a dialog on node B", "document.querySelector('dialog.notice')?.open === true"
                + " && document.querySelector('dialog.notice .notice-text').textContent === " + js(notice));
        assertEquals("0", demo.evalString("document.querySelectorAll('dialog.notice img').length"));
        assertTrue(demo.dialogs().isEmpty(), "no script ran: " + demo.dialogs());
        demo.screenshot(Path.of(System.getProperty("app.buildDir"), "screenshots", "critical-notice.png"));
        demo.eval("document.querySelector('dialog.notice button').click(); true");
        demo.waitFor("the dialog to close", "document.querySelector('dialog.notice') === null");
        demo.close(browser);
        page.close(browser);
    }

    @Test
    void theSignInPageOnlyEverGoesOnToAPageOfThisSite(LocalCluster cluster) {
        // Browsers read a backslash as a slash: "/\evil.example" would be another site.
        for (String next : new String[] {"%2F%5Cevil.example", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example%2F"}) {
            BrowserPage page = browser.open(cluster.a().uri("/signin.jsp?next=" + next));
            page.waitFor("the sign-in form", "!!document.getElementById('signin-form')");
            page.eval("document.getElementById('signin-username').value = " + js(LocalCluster.ADMIN) + ";"
                    + "document.getElementById('signin-password').value = " + js(LocalCluster.ADMIN_PASSWORD) + ";"
                    + "document.getElementById('signin-form').requestSubmit(); true");
            page.waitFor("the console on this site after next=" + next, "location.pathname === '/admin/' && location.host === "
                    + js(cluster.a().uri("/").getAuthority()));
            // The console leaves for the sign-in page once signed out, so wait for that page, not on the fetch.
            page.eval("fetch('/api/1/auth/signout', {method: 'POST'}).then(() => location.assign('/signin.jsp')); true");
            page.waitFor("the sign-in page after signing out", "location.pathname === '/signin.jsp'");
            page.close(browser);
        }
    }
}
