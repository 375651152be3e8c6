package org.appcluster.bench;

import java.net.URI;
import java.util.List;

/**
 * Two nodes the fan-out scenarios measure, one target at a time with the same load: ours, or
 * the Socket.IO peer. Node {@code i} stands for node {@code i % 2}.
 */
interface BenchTarget {

    /** How rows name it, e.g. "app-cluster (payara)". */
    String name();

    ClientProtocol protocol();

    URI socketUri(int node);

    /** Where a POST with body {@code {"data":{...}}} publishes to {@code channel}. */
    URI publishUri(int node, String channel);

    /** The nodes' processes; their children (a launcher script's JVM) count as theirs. */
    List<ProcessHandle> nodeProcesses();

    /** The nodes' JVMs, whose JIT time a step reports; none for a target not on a JVM. */
    default List<Long> jvmPids() {
        return List.of();
    }
}
