package org.appcluster.browser;

import static org.appcluster.browser.DemoPages.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.appcluster.support.BrowserPage;
import org.appcluster.support.Chromium;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.Session;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed's demos in headless Chromium, one page on node A and one on node B. */
@ExtendWith({LocalCluster.Extension.class, Chromium.Extension.class})
class DemoPagesIT {

    private final Chromium browser;

    DemoPagesIT(Chromium browser) {
        this.browser = browser;
    }

    private BrowserPage open(ServerNode node, String page) {
        BrowserPage opened = DemoPages.open(browser, node, page);
        opened.waitFor("the connection badge", "document.getElementById('connection').dataset.status === 'connected'");
        return opened;
    }

    private static void addTodo(BrowserPage page, String title) {
        page.eval("document.getElementById('todo-title').value = " + js(title) + ";"
                + "document.getElementById('todo-form').requestSubmit(); true");
    }

    private static String todoCount(String title) {
        return "Array.from(document.querySelectorAll('#todos .title')).filter(e => e.textContent === " + js(title) + ").length";
    }

    private static String todoRow(String title) {
        return "Array.from(document.querySelectorAll('#todos li')).find(li => li.querySelector('.title').textContent === " + js(title) + ")";
    }

    @Test
    void aTodoAddedToggledAndDeletedOnNodeAFollowsOnNodeB(LocalCluster cluster) {
        BrowserPage onA = open(cluster.a(), "collaborative-todo.jsp");
        BrowserPage onB = open(cluster.b(), "collaborative-todo.jsp");
        String title = "Water the plants " + UUID.randomUUID().toString().substring(0, 6);

        addTodo(onA, title);
        onB.waitFor("the new to-do on node B", todoCount(title) + " === 1");
        onB.waitFor("who added it, on node B", "document.getElementById('todo-activity').textContent.includes('created')");
        // The sender renders from its REST answer, which may arrive after node B's broadcast.
        onA.waitFor("the new to-do on node A, once", todoCount(title) + " === 1");

        onA.eval(todoRow(title) + ".querySelector('input[type=checkbox]').click(); true");
        onB.waitFor("the to-do checked on node B", todoRow(title) + ".querySelector('input').checked === true");
        onA.eval(todoRow(title) + ".querySelector('button').click(); true");
        onB.waitFor("the to-do removed on node B", todoCount(title) + " === 0");

        onB.reload();
        onB.waitFor("the stored list after a reload", "document.getElementById('todo-stats').textContent.length > 0");
        assertEquals("0", onB.evalString(todoCount(title)));
        assertEquals(0, onA.errors().size() + onB.errors().size(), onA.errors() + " " + onB.errors());
        onA.close(browser);
        onB.close(browser);
    }

    @Test
    void aSignedInToDoPageSeesWhoElseHasTheListOpenOnEitherNode(LocalCluster cluster) {
        BrowserPage visitor = open(cluster.a(), "collaborative-todo.jsp");
        // Signed in on node B under another host name, so the visitor's page on node A keeps no session.
        URI nodeB = URI.create("http://localhost:" + cluster.b().uri("/").getPort() + "/");
        BrowserPage signedIn = browser.open(nodeB.resolve("/signin.jsp?next=%2Fhello-app-cluster%2Fcollaborative-todo.jsp"));
        signedIn.waitFor("the sign-in form", "!!document.getElementById('signin-form')");
        signedIn.eval("document.getElementById('signin-username').value = " + js(LocalCluster.USER) + ";"
                + "document.getElementById('signin-password').value = " + js(LocalCluster.USER_PASSWORD) + ";"
                + "document.getElementById('signin-form').requestSubmit(); true");
        String here = "document.getElementById('todo-here').textContent";
        signedIn.waitFor("itself on the list", here + " === 'Signed in with this list open: " + LocalCluster.USER + "'");

        Session ops = Session.signIn(cluster.a(), LocalCluster.ADMIN, LocalCluster.ADMIN_PASSWORD);
        try (SocketClient opsSocket = SocketClient.connect(ops, cluster.a())) {
            opsSocket.send(Json.createObjectBuilder().add("type", "subscribe").add("channel", "view:helloClusterTodo:list:changed")
                    .add("presence", true).build().toString());
            signedIn.waitFor("the user on node A", here + " === 'Signed in with this list open: "
                    + LocalCluster.ADMIN + ", " + LocalCluster.USER + "'");
            signedIn.screenshot(Path.of(System.getProperty("app.buildDir"), "screenshots", "todo-presence.png"));
        }
        signedIn.waitFor("the user gone once its socket closed", here + " === 'Signed in with this list open: " + LocalCluster.USER + "'");
        assertTrue(visitor.evalString(here).startsWith("Sign in"), "a visitor sees no usernames: " + visitor.evalString(here));
        assertEquals(0, visitor.errors().size() + signedIn.errors().size(), visitor.errors() + " " + signedIn.errors());
        visitor.close(browser);
        signedIn.close(browser);
    }

    @Test
    void aNotificationFromNodeAShowsOnNodeBAndOnceOnNodeA(LocalCluster cluster) {
        BrowserPage onA = open(cluster.a(), "notifications.jsp");
        BrowserPage onB = open(cluster.b(), "notifications.jsp");
        String fromA = "Deploy in 5 " + UUID.randomUUID().toString().substring(0, 6);
        String fromB = "Ack " + UUID.randomUUID().toString().substring(0, 6);

        send(onA, fromA);
        onB.waitFor("A's notification on B", feedCount(fromA) + " === 1");
        onB.waitFor("A's notification as a toast on B", "document.getElementById('toasts').textContent.includes(" + js(fromA) + ")");
        // Once B's reply has reached A, A's own echo (had there been one) would have arrived before it.
        send(onB, fromB);
        onA.waitFor("B's notification on A", feedCount(fromB) + " === 1");
        assertEquals("1", onA.evalString(feedCount(fromA)));
        onA.close(browser);
        onB.close(browser);
    }

    private static void send(BrowserPage page, String message) {
        page.eval("document.getElementById('notify-message').value = " + js(message) + ";"
                + "document.getElementById('notify-form').requestSubmit(); true");
    }

    private static String feedCount(String message) {
        return "Array.from(document.querySelectorAll('#feed .text')).filter(e => e.textContent === " + js(message) + ").length";
    }

    @Test
    void userTextIsShownAsTextAndNeverRun(LocalCluster cluster) {
        String attack = "<img src=x onerror=alert(1)> " + UUID.randomUUID().toString().substring(0, 6);
        BrowserPage todoA = open(cluster.a(), "collaborative-todo.jsp");
        BrowserPage todoB = open(cluster.b(), "collaborative-todo.jsp");
        BrowserPage dashboardB = open(cluster.b(), "dashboard.jsp");
        addTodo(todoA, attack);
        todoB.waitFor("the hostile title on node B, as text", todoCount(attack) + " === 1");
        dashboardB.waitFor("the hostile title in the dashboard's activity, as text",
                "document.getElementById('actions').textContent.includes(" + js(attack) + ")");

        BrowserPage noteA = open(cluster.a(), "notifications.jsp");
        BrowserPage noteB = open(cluster.b(), "notifications.jsp");
        noteA.eval("document.getElementById('display-name').value = " + js("<b>Mallory</b>") + ";"
                + "document.getElementById('display-name').dispatchEvent(new Event('change')); true");
        send(noteA, attack);
        noteB.waitFor("the hostile notification on node B, as text", feedCount(attack) + " === 1");
        noteB.waitFor("the hostile sender name on node B, as text", "document.querySelector('#feed .meta').textContent.startsWith('<b>Mallory</b>')");

        for (BrowserPage page : new BrowserPage[] {todoA, todoB, dashboardB, noteA, noteB}) {
            assertEquals("0", page.evalString("document.querySelectorAll('main img, #toasts img, main b, #toasts b').length"));
            assertTrue(page.dialogs().isEmpty(), "no script ran: " + page.dialogs());
        }
        dashboardB.close(browser);
        todoA.eval(todoRow(attack) + ".querySelector('button').click(); true");
        todoB.waitFor("the hostile to-do removed", todoCount(attack) + " === 0");
        for (BrowserPage page : new BrowserPage[] {todoA, todoB, noteA, noteB}) {
            page.close(browser);
        }
    }

    @Test
    void theDashboardChartsItsStatisticsAsTheyArrive(LocalCluster cluster) {
        BrowserPage dashboard = open(cluster.b(), "dashboard.jsp");
        BrowserPage todo = open(cluster.a(), "collaborative-todo.jsp");
        String title = "charted " + UUID.randomUUID().toString().substring(0, 6);
        addTodo(todo, title);
        todo.waitFor("the to-do listed", todoCount(title) + " === 1");
        dashboard.waitFor("the statistics charted twice, the last as the page shows it",
                "['chart-users', 'chart-rate', 'chart-todos'].every(id => Number(document.getElementById(id).dataset.points) >= 2"
                        + " && document.querySelector(`#${id} polyline`) !== null)"
                        + " && document.querySelector('#chart-todos .chart-legend').textContent.startsWith("
                        + "'to-dos: ' + document.getElementById('todo-total').textContent)");
        assertTrue(dashboard.errors().isEmpty(), dashboard.errors().toString());
        todo.eval(todoRow(title) + ".querySelector('button').click(); true");
        todo.waitFor("the charted to-do removed", todoCount(title) + " === 0");
        dashboard.close(browser);
        todo.close(browser);
    }

    @Test
    void everyDemoPageRendersWithItsNodeAndModeAndIsSavedAsAScreenshot(LocalCluster cluster) {
        for (String page : new String[] {"", "notifications.jsp", "collaborative-todo.jsp", "dashboard.jsp", "code-examples.jsp", "architecture.jsp", "chat.jsp"}) {
            BrowserPage opened = open(cluster.a(), page);
            assertEquals("node-a", opened.evalString("document.getElementById('node-id').textContent"));
            assertEquals("Cluster mode", opened.evalString("document.getElementById('cluster-mode').textContent"));
            assertEquals("0", opened.evalString("document.querySelectorAll('input:not([type=hidden]):not([aria-label]):not([id])').length"),
                    "every input has a label");
            String name = page.isEmpty() ? "index" : page.replace(".jsp", "");
            Path screenshots = Path.of(System.getProperty("app.buildDir"), "screenshots");
            opened.screenshot(screenshots.resolve(name + ".png"));
            opened.viewport(390, 844, true);
            opened.waitFor(name + " laid out for a phone", "window.innerWidth === 390");
            assertEquals("true", opened.evalString("document.documentElement.scrollWidth <= window.innerWidth"),
                    name + " fits a phone screen without sideways scrolling");
            opened.screenshot(screenshots.resolve(name + "-phone.png"));
            assertTrue(opened.errors().isEmpty(), name + ": " + opened.errors());
            opened.close(browser);
        }
    }
}
