package org.appcluster.clients.send;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The node's {@link SendPath}, configured by {@code websocket.send-path}: what each socket writes with. */
@ApplicationScoped
public class SocketWriters {

    @Inject
    @ConfigProperty(name = "websocket.send-path", defaultValue = "auto")
    String setting;

    @Resource
    ManagedThreadFactory threads;

    private ScheduledThreadPoolExecutor idleTimer;
    private SendPath path;

    @PostConstruct
    void configure() {
        // One thread of the container's for the sockets' idle-timeout checks (see TyrusIdleTimer).
        idleTimer = new ScheduledThreadPoolExecutor(1, threads);
        idleTimer.setRemoveOnCancelPolicy(true);
        path = SendPath.of(setting, idleTimer);
    }

    @PreDestroy
    void stop() {
        idleTimer.shutdownNow();
    }

    public FrameWriter writerFor(Session session) {
        return path.writerFor(session);
    }

    /** See {@link SendPath#current()}. */
    public String current() {
        return path.current();
    }
}
