package org.appcluster.browser;

import static org.appcluster.browser.DemoPages.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.appcluster.support.BrowserPage;
import org.appcluster.support.Chromium;
import org.appcluster.support.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An operator signs in through the page and watches the cluster in the console. */
@ExtendWith({LocalCluster.Extension.class, Chromium.Extension.class})
class AdminConsoleIT {

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
        page.screenshot(Path.of(System.getProperty("app.buildDir"), "screenshots", "admin.png"));
        assertTrue(page.errors().isEmpty(), page.errors().toString());
        page.close(browser);
    }
}
