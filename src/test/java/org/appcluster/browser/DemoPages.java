package org.appcluster.browser;

import org.appcluster.support.BrowserPage;
import org.appcluster.support.Chromium;
import org.appcluster.support.ServerNode;

/** Opening the demo pages and quoting text for the scripts the tests run in them. */
final class DemoPages {

    private DemoPages() {
    }

    /** Opens a page under /hello-app-cluster/ and waits until its broadcast socket is live. */
    static BrowserPage open(Chromium browser, ServerNode node, String page) {
        BrowserPage opened = browser.open(node.uri("/hello-app-cluster/" + page));
        opened.waitFor("the page's socket to be live", "jPulse.appCluster.getConnectionStatus() === 'connected'");
        return opened;
    }

    /** A JavaScript string literal. */
    static String js(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
