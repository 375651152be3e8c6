package org.appcluster.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.broadcast.control.BroadcastDispatcher;
import org.appcluster.broadcast.control.RedisBus;
import org.appcluster.clients.control.ClientRegistry;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Registers the node's counters as gauges read at scrape time, so the hot paths only bump
 * plain counters: connections, subscriptions, broadcasts published / delivered / dropped / expired,
 * frames sent, Redis state and reconnects, and publish-to-send time (sum and count).
 */
@ApplicationScoped
public class ClusterMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    Broadcaster broadcaster;

    @Inject
    BroadcastDispatcher dispatcher;

    @Inject
    ClientRegistry clients;

    @Inject
    RedisBus bus;

    void onStartup(@Observes Startup startup) {
        registry.gauge("app_cluster_connections", clients::connectionCount);
        registry.gauge("app_cluster_subscription_patterns", clients::patternCount);
        registry.gauge("app_cluster_broadcasts_published_total", broadcaster::publishedCount);
        registry.gauge("app_cluster_broadcasts_published_locally_total", broadcaster::publishedLocallyCount);
        registry.gauge("app_cluster_broadcasts_delivered_total", dispatcher::deliveredCount);
        registry.gauge("app_cluster_broadcasts_dropped_total", dispatcher::droppedCount);
        registry.gauge("app_cluster_broadcasts_expired_total", dispatcher::expiredCount);
        registry.gauge("app_cluster_frames_sent_total", clients::framesQueuedCount);
        registry.gauge("app_cluster_slow_consumers_closed_total", () -> clients.slowConsumers().closedCount());
        registry.gauge("app_cluster_redis_available", () -> bus.isAvailable() ? 1 : 0);
        registry.gauge("app_cluster_redis_reconnects_total", bus::reconnectCount);
        registry.gauge("app_cluster_redis_subscriber_restarts_total", bus::subscriberRestartCount);
        registry.gauge("app_cluster_redis_probe_round_trip_milliseconds", bus::probeRoundTripMillis);
        registry.gauge("app_cluster_redis_unsubscribed_shards", bus::unsubscribedShardCount);
        registry.gauge("app_cluster_publish_to_send_milliseconds_sum", clients::relayLatencyMillisSum);
        registry.gauge("app_cluster_publish_to_send_count", clients::relayedCount);
    }
}
