package org.appcluster.metrics;

import java.util.Locale;
import org.appcluster.infra.LatencyHistogram;

/**
 * Prometheus text exposition (format 0.0.4): each metric family with its help and its type, so a
 * counter is read as a counter ({@code rate()} works across restarts) and a histogram's buckets
 * give quantiles ({@code histogram_quantile(0.99, …)}).
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    /** A count that only grows while the node runs; by convention its name ends in {@code _total}. */
    PrometheusText counter(String name, String help, long value) {
        family(name, help, "counter");
        out.append(name).append(' ').append(value).append('\n');
        return this;
    }

    PrometheusText gauge(String name, String help, double value) {
        family(name, help, "gauge");
        out.append(name).append(' ').append(number(value)).append('\n');
        return this;
    }

    /** Durations in seconds, Prometheus's base unit: cumulative buckets, their sum and count. */
    PrometheusText histogram(String name, String help, LatencyHistogram.Snapshot snapshot) {
        family(name, help, "histogram");
        long[] bounds = LatencyHistogram.boundsMillis();
        for (int i = 0; i <= bounds.length; i++) {
            String le = i < bounds.length ? number(bounds[i] / 1000.0) : "+Inf";
            out.append(name).append("_bucket{le=\"").append(le).append("\"} ").append(snapshot.cumulative()[i]).append('\n');
        }
        out.append(name).append("_sum ").append(number(snapshot.sumMillis() / 1000.0)).append('\n');
        out.append(name).append("_count ").append(snapshot.count()).append('\n');
        return this;
    }

    String text() {
        return out.toString();
    }

    private void family(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
