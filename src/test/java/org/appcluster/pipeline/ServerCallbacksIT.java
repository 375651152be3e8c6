package org.appcluster.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.inject.Inject;
import java.io.File;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inside Payara Micro: server callbacks with wildcards and the documented omitSelf defaults. */
@ExtendWith(ArquillianExtension.class)
class ServerCallbacksIT {

    @Deployment
    static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("app.war")));
    }

    @Inject
    Broadcaster broadcaster;

    @Test
    void wildcardCallbacksFireAndOwnControllerMessagesAreSkippedByDefault() throws Exception {
        BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        try (AutoCloseable controller = broadcaster.subscribe("controller:callbackTest:*", (c, d, s) -> calls.add("controller " + c));
             AutoCloseable view = broadcaster.subscribe("view:callbackTest:*", (c, d, s) -> calls.add("view " + c + " from " + s));
             AutoCloseable viewAgain = broadcaster.subscribe("view:*", (c, d, s) -> calls.add("all views " + c))) {
            broadcaster.publish("controller:callbackTest:cache:refresh", Map.of("n", 1));
            broadcaster.publish("view:callbackTest:item:created", Map.of("n", 2));

            // The controller message came from this instance, so its callback skipped it.
            assertEquals("view view:callbackTest:item:created from " + broadcaster.instanceId(), next(calls));
            assertEquals("all views view:callbackTest:item:created", next(calls));
        }
    }

    @Test
    void anExplicitOmitSelfFalseReceivesOwnControllerMessages() throws Exception {
        BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        try (AutoCloseable including = broadcaster.subscribe("controller:callbackTest:*", (c, d, s) -> calls.add(c), false)) {
            broadcaster.publish("controller:callbackTest:cache:refresh", Map.of());
            assertEquals("controller:callbackTest:cache:refresh", next(calls));
        }
    }

    private static String next(BlockingQueue<String> calls) throws InterruptedException {
        String call = calls.poll(10, TimeUnit.SECONDS);
        assertNotNull(call, "no callback within 10 s");
        return call;
    }
}
