package org.appcluster.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Prefixes every log line of the application with {@code [instance-id]}, so lines gathered from
 * many nodes still say where they came from. A handler on the application's parent logger sees
 * each record before the server's own handlers write it.
 */
@ApplicationScoped
public class InstanceLogTag {

    private static final Logger APPLICATION = Logger.getLogger("org.appcluster");

    @Inject
    ClusterSettings settings;

    private Handler tagger;

    void onInitialized(@Observes @Initialized(ApplicationScoped.class) Object initialized) {
        install();
    }

    /**
     * Idempotent. Servers order the initialisation and startup events differently, so whatever
     * logs first at startup (the broadcast bus) calls this itself.
     */
    public synchronized void install() {
        if (tagger != null) {
            return;
        }
        String tag = "[" + settings.instanceId() + "] ";
        tagger = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (message != null && !message.startsWith(tag)) {
                    record.setMessage(tag + message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        APPLICATION.addHandler(tagger);
    }

    synchronized void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object shutdown) {
        if (tagger != null) {
            APPLICATION.removeHandler(tagger);
            tagger = null;
        }
    }
}
