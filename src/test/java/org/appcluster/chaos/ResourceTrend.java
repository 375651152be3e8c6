package org.appcluster.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure of a node sampled through a soak run, and whether it grew: the median of the last
 * third of the samples against the median of the first third, beyond an allowance for noise. Medians
 * keep the spike of one fault (a Redis restart, every client of the other node arriving) from
 * reading as growth; a leak that grows with each fault moves the whole last third.
 */
final class ResourceTrend {

    private final String name;
    private final double allowance;
    private final double share;
    private final List<Double> samples = new ArrayList<>();

    /** Growth up to {@code allowance} (in the figure's unit) plus {@code share} of the first third's median is noise. */
    ResourceTrend(String name, double allowance, double share) {
        this.name = name;
        this.allowance = allowance;
        this.share = share;
    }

    synchronized void add(double value) {
        samples.add(value);
    }

    String name() {
        return name;
    }

    synchronized int count() {
        return samples.size();
    }

    synchronized double firstThird() {
        return median(samples.subList(0, samples.size() / 3));
    }

    synchronized double lastThird() {
        return median(samples.subList(samples.size() - samples.size() / 3, samples.size()));
    }

    double limit() {
        return firstThird() * (1 + share) + allowance;
    }

    /** Null when the figure held, else why not. Needs at least three samples a third. */
    synchronized String growth() {
        if (samples.size() < 9) {
            return name + ": only " + samples.size() + " samples, too few to tell";
        }
        return lastThird() <= limit() ? null
                : String.format("%s grew from %.1f (median of the first third) to %.1f (of the last), beyond the %.1f noise allows",
                        name, firstThird(), lastThird(), limit());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
