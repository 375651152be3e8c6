package org.appcluster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One axis of {@link FanOutChart}: maps values to pixels, linear or logarithmic, and picks ticks. */
record ChartAxis(double min, double max, boolean log, double fromPixel, double toPixel) {

    /** An axis over {@code values}, from zero (linear) or their smallest (log), never empty. */
    static ChartAxis over(List<Double> values, boolean log, double fromPixel, double toPixel) {
        double high = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double low = log ? values.stream().mapToDouble(Double::doubleValue).min().orElse(1) : 0;
        if (log) {
            low = Math.pow(10, Math.floor(Math.log10(low)));
            high = Math.pow(10, Math.ceil(Math.log10(high * 1.0001)));
        } else {
            high = niceStep(high) * Math.ceil(high * 1.05 / niceStep(high));
        }
        return new ChartAxis(low, Math.max(high, low * 10), log, fromPixel, toPixel);
    }

    double pixel(double value) {
        double share = log ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
        return fromPixel + share * (toPixel - fromPixel);
    }

    /** Decades and their 2 and 5 on a log axis; about five round steps on a linear one. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double decade = min; decade <= max * 1.0001; decade *= 10) {
                for (double step : new double[] {1, 2, 5}) {
                    if (decade * step <= max * 1.0001) {
                        ticks.add(decade * step);
                    }
                }
            }
        } else {
            double step = niceStep(max);
            for (double tick = min; tick <= max * 1.0001; tick += step) {
                ticks.add(tick);
            }
        }
        return ticks;
    }

    /** 1, 2 or 5 times a power of ten, so that about five steps reach {@code high}. */
    private static double niceStep(double high) {
        double rough = Math.max(high, 1e-9) / 5;
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double unit = rough / power;
        return power * (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10);
    }

    static String label(double value) {
        if (value >= 1000) {
            return value % 1000 == 0 ? Math.round(value / 1000) + "k" : String.format(Locale.ROOT, "%.1fk", value / 1000);
        }
        return value == Math.rint(value) ? String.valueOf(Math.round(value)) : String.valueOf(value);
    }
}
