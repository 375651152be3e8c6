package org.appcluster.clients.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pings every socket every {@code websocket.keep-alive-seconds}. A page that only listens never
 * sends, and servers and proxies close connections that read nothing for a while: WildFly's
 * listeners after 90 s (their {@code read-timeout}), nginx and HAProxy after their proxy
 * timeouts. The pong, which browsers send by themselves, is traffic both ways. Every kind of
 * socket observes {@link KeepAliveDue} and pings its own.
 */
@ApplicationScoped
public class SocketKeepAlive {

    private static final Logger LOG = Logger.getLogger(SocketKeepAlive.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Event<KeepAliveDue> due;

    @Inject
    @ConfigProperty(name = "websocket.keep-alive-seconds", defaultValue = "30")
    int seconds;

    private ScheduledFuture<?> pings;

    void onStartup(@Observes Startup startup) {
        if (seconds > 0) {
            pings = scheduler.scheduleWithFixedDelay(this::pingAll, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (pings != null) {
            pings.cancel(false);
        }
    }

    private void pingAll() {
        try {
            due.fire(new KeepAliveDue(System.nanoTime() - TimeUnit.SECONDS.toNanos(3L * seconds)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Keep-alive pings failed", e);
        }
    }
}
