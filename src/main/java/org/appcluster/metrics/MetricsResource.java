package org.appcluster.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.broadcast.control.BroadcastDispatcher;
import org.appcluster.broadcast.control.RedisBus;
import org.appcluster.clients.control.ClientRegistry;
import org.appcluster.infra.ApiException;
import org.appcluster.namespaces.control.NamespaceSockets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's numbers in Prometheus text at {@code GET /api/1/metrics}, the same on every server.
 * For a scraper with {@code Authorization: Bearer <metrics.token>}, or a signed-in admin; without
 * a token configured, admins only. Everything is read at scrape time from counters the hot paths
 * already keep.
 */
@Path("metrics")
@ApplicationScoped
public class MetricsResource {

    @Inject
    @ConfigProperty(name = "metrics.token")
    Optional<String> token;

    @Inject
    Broadcaster broadcaster;

    @Inject
    BroadcastDispatcher dispatcher;

    @Inject
    ClientRegistry clients;

    @Inject
    RedisBus bus;

    @Inject
    NamespaceSockets namespaces;

    @GET
    public Response scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context SecurityContext security) {
        if (!bearerMatches(authorization) && !security.isUserInRole("admin")) {
            throw new ApiException(401, "UNAUTHORIZED", "Metrics need the scrape token (Authorization: Bearer …) or an admin");
        }
        String text = new PrometheusText()
                .gauge("app_cluster_connections", "Browser sockets open on this node", clients.connectionCount())
                .gauge("app_cluster_namespace_connections", "WebSocket namespace sockets open on this node", namespaces.connectionCount())
                .gauge("app_cluster_subscription_patterns", "Distinct channel patterns subscribed on this node", clients.patternCount())
                .counter("app_cluster_broadcasts_published_total", "Messages published on this node", broadcaster.publishedCount())
                .counter("app_cluster_broadcasts_published_locally_total", "Of those, delivered on this node only (Redis away)",
                        broadcaster.publishedLocallyCount())
                .counter("app_cluster_broadcasts_delivered_total", "Messages this node handed to its callbacks and sockets",
                        dispatcher.deliveredCount())
                .gauge("app_cluster_dispatcher_queue", "Broadcasts waiting for the dispatcher thread", dispatcher.queuedCount())
                .counter("app_cluster_broadcasts_dropped_total", "Messages dropped because the dispatcher queue was full",
                        dispatcher.droppedCount())
                .counter("app_cluster_broadcasts_expired_total", "Messages that waited longer than broadcast.max-delay-millis",
                        dispatcher.expiredCount())
                .counter("app_cluster_frames_queued_total", "Broadcast frames queued to sockets", clients.framesQueuedCount())
                .counter("app_cluster_frames_sent_total", "Frames written to sockets", clients.framesSentCount())
                .counter("app_cluster_slow_consumers_closed_total", "Sockets closed for not reading (1008)",
                        clients.slowConsumers().closedCount())
                .gauge("app_cluster_redis_available", "1 while Redis carries this node's broadcasts", bus.isAvailable() ? 1 : 0)
                .counter("app_cluster_redis_reconnects_total", "Times Redis came back after being lost", bus.reconnectCount())
                .counter("app_cluster_redis_subscriber_restarts_total", "Pub/sub connections replaced after unanswered probes",
                        bus.subscriberRestartCount())
                .gauge("app_cluster_redis_probe_round_trip_seconds", "The last probe's round trip through Redis (-1: none)",
                        bus.probeRoundTripMillis() < 0 ? -1 : bus.probeRoundTripMillis() / 1000.0)
                .gauge("app_cluster_redis_unsubscribed_shards", "Cluster mode: needed shard channels not subscribed",
                        bus.unsubscribedShardCount())
                .histogram("app_cluster_publish_to_send_seconds", "From the publisher's clock to this node queueing the frames",
                        clients.publishToSend())
                .text();
        return Response.ok(text, PrometheusText.CONTENT_TYPE).build();
    }

    private boolean bearerMatches(String authorization) {
        Optional<String> expected = token.filter(value -> !value.isBlank());
        if (expected.isEmpty() || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }
}
