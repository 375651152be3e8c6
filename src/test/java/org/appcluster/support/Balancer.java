package org.appcluster.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A load balancer in front of test nodes: HAProxy (routes by readiness) or nginx (does not). */
public interface Balancer extends AutoCloseable {

    URI uri(String path);

    String origin();

    @Override
    void close();

    /**
     * Waits until requests through the balancer have reached each of {@code nodes}: HAProxy may
     * send everything to the first node its checks find up, and clients connected before the
     * second one is would all land on one node.
     */
    default void awaitEveryNodeServing(List<ServerNode> nodes) {
        Set<String> wanted = new HashSet<>();
        nodes.forEach(node -> wanted.add(node.status().getString("instanceId")));
        Set<String> seen = new HashSet<>();
        Waits.until("every node answering through the balancer", Duration.ofSeconds(30), () -> {
            // A new connection each time: a balancer keeps a connection's requests on one node.
            Http.Response status = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri("/api/1/app-cluster/broadcast/status")));
            if (status.status() == 200) {
                seen.add(status.body().getJsonObject("data").getString("instanceId"));
            }
            return seen.containsAll(wanted);
        });
    }

    /** {@code haproxy} or {@code nginx}; HAProxy as {@code server-config/README.md} advises. */
    static Balancer of(String kind, List<ServerNode> nodes) {
        return switch (kind) {
            case "haproxy" -> HaProxy.inFrontOf(nodes);
            case "nginx" -> Nginx.roundRobin(nodes);
            default -> throw new IllegalArgumentException("no balancer " + kind + " (haproxy or nginx)");
        };
    }
}
