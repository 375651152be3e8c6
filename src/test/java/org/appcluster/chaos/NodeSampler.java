package org.appcluster.chaos;

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

    private final ServerNode node;
    private long pid;
    private int missed;
    private List<ResourceTrend> trends = List.of();

    NodeSampler(ServerNode node) {
        this.node = node;
    }

    /** Takes one sample; a node that is down or restarting gives none. */
    synchronized void sample() {
        try {
            long current = JvmFigures.jvmPid(node);
            String metrics = Http.get(node.uri("/api/1/metrics"), "Authorization", "Bearer " + LocalCluster.METRICS_TOKEN).text();
            double sockets = gauge(metrics, "app_cluster_connections") + gauge(metrics, "app_cluster_namespace_connections");
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
        }
    }

    /** What grew beyond noise; a node with too few samples since its last start counts as grown. */
    synchronized List<String> growth() {
        List<String> grown = trends.stream().map(ResourceTrend::growth).filter(Objects::nonNull).map(this::named).toList();
        return trends.isEmpty() ? List.of(named("no samples")) : grown;
    }

    /** Like {@link #growth()}, but nothing when the node ran too briefly since its last start to tell. */
    synchronized List<String> growthIfJudged() {
        return trends.isEmpty() || trends.get(0).count() < 9 ? List.of() : growth();
    }

    synchronized String report(String over) {
        StringBuilder text = new StringBuilder("Node " + node.name() + ", over " + over + " (" + (trends.isEmpty() ? 0 : trends.get(0).count())
                + " samples" + (missed > 0 ? "; " + missed + " while it was down or starting" : "") + "):\n\n"
                + "| figure | median of the first third | median of the last third | limit |\n|---|---|---|---|\n");
        for (ResourceTrend trend : trends) {
            text.append(trend.count() < 9 ? String.format("| %s | too few samples | | |%n", trend.name())
                    : String.format("| %s | %.1f | %.1f | %.1f |%n", trend.name(), trend.firstThird(), trend.lastThird(), trend.limit()));
        }
        return text.toString();
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
