package org.appcluster.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.appcluster.support.Http;
import org.appcluster.support.JvmFigures;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;

/**
 * A node's figures through a soak run, as an operator reads them: heap after a full collection
 * and threads of its JVM, open files beyond its sockets ({@code /proc}), and the dispatcher queue
 * (its metrics). A new JVM (the node restarted) starts the figures again.
 */
final class NodeSampler {

    private static final double MB = 1024 * 1024;
    /** A sample may fail now and then (a full GC on a busy machine against the scrape's timeout). */
    private static final int MISSES_ALLOWED = 2;

    private final ServerNode node;
    private long pid;
    private int missed;
    private String firstFailure;
    private List<ResourceTrend> trends = List.of();

    NodeSampler(ServerNode node) {
        this.node = node;
    }

    /** Takes one sample; a node that is down or restarting gives none. */
    synchronized void sample() {
        try {
            long current = JvmFigures.jvmPid(node);
            String metrics = metrics();
            double sockets = sockets(metrics);
            double queue = gauge(metrics, "app_cluster_dispatcher_queue");
            double heap = JvmFigures.heapAfterGc(current) / MB;
            double threads = JvmFigures.threads(current);
            double files = JvmFigures.openFiles(current) - sockets;
            if (current != pid) {
                pid = current;
                trends = List.of(new ResourceTrend("heap after GC (MB)", 16, 0.1), new ResourceTrend("threads", 8, 0),
                        new ResourceTrend("open files beyond sockets", 16, 0), new ResourceTrend("dispatcher queue", 100, 0));
            }
            trends.get(0).add(heap);
            trends.get(1).add(threads);
            trends.get(2).add(files);
            trends.get(3).add(queue);
        } catch (RuntimeException e) {
            missed++;
            if (firstFailure == null) {
                firstFailure = e.toString();
            }
        }
    }

    /**
     * What grew beyond noise, for a node that ran the whole time: too few samples, or samples it
     * failed to give (a node in trouble answers slowly or not at all), count against it too.
     */
    synchronized List<String> growth() {
        List<String> grown = new ArrayList<>(grownTrends());
        if (trends.isEmpty()) {
            grown.add(named("no samples"));
        }
        if (missed > MISSES_ALLOWED) {
            grown.add(named(missed + " samples failed, the first with " + firstFailure));
        }
        return grown;
    }

    /** For a node that restarts: what grew since its last start, when it ran long enough to tell. */
    synchronized List<String> growthIfJudged() {
        return trends.isEmpty() || trends.get(0).count() < 9 ? List.of() : grownTrends();
    }

    private List<String> grownTrends() {
        return trends.stream().map(ResourceTrend::growth).filter(Objects::nonNull).map(this::named).toList();
    }

    /** The sockets the node counts now (its metrics), -1 when it does not answer. */
    double sockets() {
        try {
            return sockets(metrics());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    synchronized String report(String over) {
        StringBuilder text = new StringBuilder("Node " + node.name() + ", over " + over + " (" + (trends.isEmpty() ? 0 : trends.get(0).count())
                + " samples" + (missed > 0 ? "; " + missed + " failed, the first with " + firstFailure : "") + "):\n\n"
                + "| figure | median of the first third | median of the last third | limit |\n|---|---|---|---|\n");
        for (ResourceTrend trend : trends) {
            text.append(trend.count() < 9 ? String.format("| %s | too few samples | | |%n", trend.name())
                    : String.format("| %s | %.1f | %.1f | %.1f |%n", trend.name(), trend.firstThird(), trend.lastThird(), trend.limit()));
        }
        return text.toString();
    }

    private String metrics() {
        return Http.get(node.uri("/api/1/metrics"), "Authorization", "Bearer " + LocalCluster.METRICS_TOKEN).text();
    }

    private static double sockets(String metrics) {
        return gauge(metrics, "app_cluster_connections") + gauge(metrics, "app_cluster_namespace_connections");
    }

    private String named(String growth) {
        return "node " + node.name() + ": " + growth;
    }

    private static double gauge(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)$").matcher(metrics);
        if (!value.find()) {
            throw new IllegalStateException(name + " not in the metrics");
        }
        return Double.parseDouble(value.group(1));
    }
}
