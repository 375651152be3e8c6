package org.appcluster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Sockets of one target, half on each node, each subscribed to its channel, and how fast they
 * got there: connected and subscribed per second, and the nodes' CPU per socket meanwhile.
 */
final class Subscribers implements AutoCloseable {

    private final BenchSockets sockets;
    private final List<BenchSockets.Socket> opened;
    private final double seconds;
    private final long cpuNanos;

    private Subscribers(BenchSockets sockets, List<BenchSockets.Socket> opened, double seconds, long cpuNanos) {
        this.sockets = sockets;
        this.opened = opened;
        this.seconds = seconds;
        this.cpuNanos = cpuNanos;
    }

    /** Socket {@code i} subscribes to {@code channelOf(i)}; even ones go to node 0, odd ones to node 1. */
    static Subscribers open(BenchTarget target, BenchSockets sockets, int count, IntFunction<String> channelOf) {
        ProcessCpu cpu = ProcessCpu.of(target.nodeProcesses());
        long cpuBefore = cpu.nanos();
        long started = System.nanoTime();
        List<BenchSockets.Socket> opened = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            int offset = node;
            opened.addAll(sockets.open(target.socketUri(node), target.protocol(), count / 2 + (node == 0 ? count % 2 : 0),
                    i -> channelOf.apply(2 * i + offset)));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Subscribers(sockets, opened, seconds, cpu.nanos() - cpuBefore);
    }

    int count() {
        return opened.size();
    }

    double seconds() {
        return Math.round(seconds * 100) / 100.0;
    }

    long connectsPerSecond() {
        return Math.round(opened.size() / seconds);
    }

    Object cpuMicrosPerSocket() {
        return ProcessCpu.microsPer(cpuNanos, opened.size());
    }

    @Override
    public void close() {
        sockets.closeAll(opened);
    }
}
