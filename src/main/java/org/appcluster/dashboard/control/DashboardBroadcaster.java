package org.appcluster.dashboard.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.broadcast.control.RedisBus;
import org.appcluster.broadcast.control.RedisLeases;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes dashboard statistics every {@code dashboard.interval-seconds}, from one node only:
 * the holder of the {@value #LEASE} lease, renewed every second and expiring after three, so a
 * dead holder is replaced within seconds. Without Redis each node can only reach its own pages,
 * so each serves them itself.
 */
@ApplicationScoped
public class DashboardBroadcaster {

    private static final Logger LOG = Logger.getLogger(DashboardBroadcaster.class.getName());
    public static final String CHANNEL = "view:dashboard:activity:update";
    public static final String LEASE = "dashboard-stats";
    static final Duration LEASE_TTL = Duration.ofSeconds(3);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Broadcaster broadcaster;

    @Inject
    RedisBus bus;

    @Inject
    RedisLeases leases;

    @Inject
    DashboardStats stats;

    @Inject
    @ConfigProperty(name = "dashboard.interval-seconds", defaultValue = "5")
    int intervalSeconds;

    private ScheduledFuture<?> ticks;
    private long tick;
    private volatile boolean leader;
    /** Guarded by this: whether the last tick failed, so an outage is logged once. */
    private boolean failing;

    void onStartup(@Observes Startup startup) {
        ticks = scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object shutdown) {
        if (ticks != null) {
            ticks.cancel(false);
        }
        leases.release(LEASE, broadcaster.instanceId());
    }

    /** Whether this node publishes the statistics now. */
    public boolean isLeader() {
        return leader;
    }

    private synchronized void tick() {
        try {
            boolean now = !bus.isAvailable() || leases.hold(LEASE, broadcaster.instanceId(), LEASE_TTL);
            if (now != leader) {
                LOG.info(() -> now ? "This node now publishes the dashboard statistics" : "Another node publishes the dashboard statistics");
            }
            leader = now;
            if (leader && ++tick % Math.max(1, intervalSeconds) == 0) {
                broadcaster.publish(CHANNEL, stats.current(broadcaster.instanceId()));
            }
            if (failing) {
                failing = false;
                LOG.info("Dashboard statistics are published again");
            }
        } catch (RuntimeException e) {
            // Once per outage (MongoDB away, say), not once a second until it ends.
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Dashboard tick failed; statistics pause until it succeeds again", e);
            }
        }
    }
}
