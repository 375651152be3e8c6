package org.appcluster.support;

import java.net.URI;
import java.util.List;

/** A load balancer in front of test nodes: HAProxy (routes by readiness) or nginx (does not). */
public interface Balancer extends AutoCloseable {

    URI uri(String path);

    String origin();

    @Override
    void close();

    /** {@code haproxy} or {@code nginx}; HAProxy as {@code server-config/README.md} advises. */
    static Balancer of(String kind, List<ServerNode> nodes) {
        return switch (kind) {
            case "haproxy" -> HaProxy.inFrontOf(nodes);
            case "nginx" -> Nginx.roundRobin(nodes);
            default -> throw new IllegalArgumentException("no balancer " + kind + " (haproxy or nginx)");
        };
    }
}
