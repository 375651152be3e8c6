package org.appcluster.clients.send;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * Moves Tyrus sessions' idle-timeout tasks onto a plain scheduler. Tyrus reschedules that task
 * when a session opens and for every frame it reads (subscribes, pings, the pongs that
 * acknowledge reading), on the container's managed scheduler, which captures the calling thread's
 * context each time by searching every jar of the application and the server for service files:
 * a tenth of a node's CPU while sockets connect and subscribe. The task only checks the session's
 * idle timeout, which needs none of that context. The WebSocket container hands its scheduler to
 * each session it opens, so it gets the plain one too, and sessions opened after the first socket
 * never touch the managed one; a session opened before gets it directly.
 */
final class TyrusIdleTimer {

    private static final Logger LOG = Logger.getLogger(TyrusIdleTimer.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static final String TYRUS_CONTAINER = "org.glassfish.tyrus.core.BaseContainer";

    private TyrusIdleTimer() {
    }

    /** False when {@code session} is no Tyrus session or its scheduler could not be replaced. */
    static boolean install(Session session, ScheduledExecutorService scheduler) {
        if (!session.getClass().getName().equals(TYRUS_SESSION)) {
            return false;
        }
        try {
            replace(session, TYRUS_SESSION, "service", scheduler);
            replace(session.getContainer(), TYRUS_CONTAINER, "managedScheduledExecutorService", scheduler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.fine(() -> "Tyrus without the expected scheduler fields: " + e);
            return false;
        }
    }

    /** Sets {@code name}, declared by the class {@code owner} names, on {@code target} unless it holds {@code scheduler} already. */
    private static void replace(Object target, String owner, String name, ScheduledExecutorService scheduler)
            throws ReflectiveOperationException {
        Field field = declaredBy(target.getClass(), owner).getDeclaredField(name);
        field.setAccessible(true);
        if (field.get(target) != scheduler) {
            field.set(target, scheduler);
        }
    }

    private static Class<?> declaredBy(Class<?> type, String owner) throws ClassNotFoundException {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (current.getName().equals(owner)) {
                return current;
            }
        }
        throw new ClassNotFoundException(owner + " is not a superclass of " + type.getName());
    }
}
