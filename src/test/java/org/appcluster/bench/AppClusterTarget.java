package org.appcluster.bench;

import java.net.URI;
import java.util.List;
import org.appcluster.support.ServerKind;

/** Our two nodes, on the server the run chose ({@code -Dbench.server}). */
record AppClusterTarget(BenchCluster cluster) implements BenchTarget {

    @Override
    public String name() {
        return "app-cluster (" + (ServerKind.current() == ServerKind.WILDFLY ? "wildfly" : "payara") + ")";
    }

    @Override
    public ClientProtocol protocol() {
        return ClientProtocol.JPULSE;
    }

    @Override
    public URI socketUri(int node) {
        return cluster.socketUri(cluster.node(node));
    }

    @Override
    public URI publishUri(int node, String channel) {
        return cluster.node(node).uri("/api/1/app-cluster/broadcast/" + channel);
    }

    @Override
    public List<ProcessHandle> nodeProcesses() {
        return cluster.nodeProcesses();
    }

    @Override
    public List<Long> jvmPids() {
        return cluster.jvmPids();
    }
}
