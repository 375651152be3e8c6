package org.appcluster.clients.send;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * Moves a Tyrus session's idle-timeout task onto a plain scheduler. Tyrus reschedules that task
 * for every frame the socket reads (subscribes, pings, the pongs that acknowledge reading), on
 * the container's managed scheduler, which captures the reading thread's context each time by
 * searching every jar of the application and the server for service files: a fifth of the
 * node's CPU while sockets connect and subscribe. The task only checks the session's idle
 * timeout, which needs none of that context.
 */
final class TyrusIdleTimer {

    private static final Logger LOG = Logger.getLogger(TyrusIdleTimer.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static volatile Field service;

    private TyrusIdleTimer() {
    }

    /** False when {@code session} is no Tyrus session or its scheduler could not be replaced. */
    static boolean install(Session session, ScheduledExecutorService scheduler) {
        if (!session.getClass().getName().equals(TYRUS_SESSION)) {
            return false;
        }
        try {
            Field field = service;
            if (field == null) {
                field = session.getClass().getDeclaredField("service");
                field.setAccessible(true);
                service = field;
            }
            field.set(session, scheduler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.fine(() -> "Tyrus session without the expected scheduler field: " + e);
            return false;
        }
    }
}
