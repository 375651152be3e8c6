package org.appcluster.chaos;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.appcluster.chaos.ResumingSubscriber.Event;
import org.appcluster.chaos.ResumingSubscriber.NotRecovered;
import org.appcluster.chaos.ResumingSubscriber.Received;
import org.appcluster.support.BrowserPage;
import org.appcluster.support.Chromium;

/**
 * A Chromium page that subscribes with the real browser library ({@code jpulse-app-cluster.js})
 * and records what its callbacks get: each message, and each {@code onRecover} (the page's
 * "reload, you may have missed some"). The library does its own reconnecting and resuming; the
 * records feed the same {@link DeliveryAudit} as the Java subscribers.
 */
final class BrowserSubscriber {

    /** Page times are wall-clock milliseconds; this maps them onto {@link System#nanoTime()}. */
    private static final long EPOCH_NANOS_MINUS_NANO_TIME =
            ChronoUnit.NANOS.between(Instant.EPOCH, Instant.now()) - System.nanoTime();

    private final BrowserPage page;

    private BrowserSubscriber(BrowserPage page) {
        this.page = page;
    }

    /** Opens the demo index at {@code base} (a balancer) and subscribes to {@code pattern}. */
    static BrowserSubscriber open(Chromium browser, URI base, String pattern) {
        BrowserPage page = browser.open(base.resolve("/hello-app-cluster/"));
        page.eval("window.chaos = []; const now = () => performance.timeOrigin + performance.now();"
                + "jPulse.appCluster.broadcast.subscribe('" + pattern + "', d => chaos.push(['r', now(), d.p, d.n]),"
                + " {onRecover: r => chaos.push(['f', now(), r.reason])}); true");
        page.waitFor("the page's subscription to be live", "jPulse.appCluster.getConnectionStatus() === 'connected'");
        return new BrowserSubscriber(page);
    }

    /** The node serving this page, by its instance id: the balancer keeps a page to one node. */
    String instanceId() {
        return page.evalString("fetch('/api/1/app-cluster/broadcast/status').then(r => r.json()).then(b => b.data.instanceId)");
    }

    boolean isSubscribed() {
        return page.evalBoolean("jPulse.appCluster.getConnectionStatus() === 'connected'");
    }

    List<String> errors() {
        return page.errors();
    }

    List<Event> events() {
        List<Event> events = new ArrayList<>();
        for (JsonValue value : (JsonArray) page.eval("chaos")) {
            JsonArray record = value.asJsonArray();
            long at = Math.round(record.getJsonNumber(1).doubleValue() * 1_000_000) - EPOCH_NANOS_MINUS_NANO_TIME;
            events.add("r".equals(record.getString(0))
                    ? new Received(at, record.getString(2), record.getJsonNumber(3).longValue(), -1, null)
                    : new NotRecovered(at, record.getString(2)));
        }
        return events;
    }

    void close(Chromium browser) {
        page.close(browser);
    }
}
