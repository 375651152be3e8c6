package org.appcluster.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fan-out rows as a hand-written SVG: delivered/s (left) and p99 latency (right) against
 * the deliveries offered, one line per target, all axes log scale: the steps double, and a
 * target that keeps up lies on the dashed delivered = offered diagonal. Plain SVG, so a browser
 * shows it with nothing installed.
 */
final class FanOutChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int WIDTH = 960;
    private static final int TOP = 50;
    private static final int BOTTOM = 350;
    private static final int PANEL_WIDTH = 360;

    private final StringBuilder svg = new StringBuilder();
    private final Map<String, List<Map<String, Object>>> byTarget = new LinkedHashMap<>();
    private final ChartAxis offered;

    private FanOutChart(List<Map<String, Object>> rows) {
        rows.forEach(row -> byTarget.computeIfAbsent(String.valueOf(row.get("target")), key -> new java.util.ArrayList<>()).add(row));
        List<Double> loads = rows.stream().map(row -> number(row, "offered deliveries/s")).toList();
        double low = loads.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double high = loads.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        offered = new ChartAxis(low / 1.25, high * 1.25, true, 0, PANEL_WIDTH);
    }

    /** Writes the chart of {@code rows} (fan-out rows of one scenario, any number of targets). */
    static void write(Path file, String title, List<Map<String, Object>> rows) {
        FanOutChart chart = new FanOutChart(rows);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, chart.render(title));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String render(String title) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"440\" ")
                .append("font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(WIDTH / 2.0, 24, "middle", 15, escape(title));
        List<Map<String, Object>> all = byTarget.values().stream().flatMap(List::stream).toList();
        ChartAxis delivered = ChartAxis.over(all.stream().map(row -> Math.max(number(row, "delivered/s"),
                number(row, "offered deliveries/s"))).toList(), true, BOTTOM, TOP);
        ChartAxis p99 = ChartAxis.over(all.stream().map(row -> Math.max(0.1, number(row, "p99 ms"))).toList(), true, BOTTOM, TOP);
        panel(80, delivered, "delivered/s (log)", "delivered/s");
        panel(560, p99, "p99 latency, ms (log)", "p99 ms");
        offeredLine(80, delivered);
        legend();
        return svg.append("</svg>\n").toString();
    }

    private void panel(int left, ChartAxis y, String yTitle, String column) {
        svg.append("<rect x=\"").append(left).append("\" y=\"").append(TOP).append("\" width=\"").append(PANEL_WIDTH)
                .append("\" height=\"").append(BOTTOM - TOP).append("\" fill=\"none\" stroke=\"#888\"/>\n");
        for (double tick : y.ticks()) {
            double at = y.pixel(tick);
            line(left, at, left + PANEL_WIDTH, at, "#eee", "");
            text(left - 6, at + 4, "end", 11, ChartAxis.label(tick));
        }
        byTarget.values().stream().flatMap(List::stream).map(row -> number(row, "offered deliveries/s")).distinct().forEach(load -> {
            double at = left + offered.pixel(load);
            line(at, BOTTOM, at, BOTTOM + 5, "#888", "");
            text(at, BOTTOM + 18, "middle", 11, ChartAxis.label(load));
        });
        text(left + PANEL_WIDTH / 2.0, BOTTOM + 38, "middle", 12, "offered deliveries/s (log)");
        svg.append("<text transform=\"translate(").append(left - 52).append(',').append((TOP + BOTTOM) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(yTitle).append("</text>\n");
        int series = 0;
        for (List<Map<String, Object>> rows : byTarget.values()) {
            String colour = COLOURS[series++ % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (Map<String, Object> row : rows) {
                double x = left + offered.pixel(number(row, "offered deliveries/s"));
                double value = number(row, column);
                double yAt = y.pixel(y.log() ? Math.max(y.min(), value) : value);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, yAt));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, yAt, colour));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
                    .append("\" points=\"").append(points.toString().trim()).append("\"/>\n");
        }
    }

    /** Where delivered would equal offered: a target on it keeps up. */
    private void offeredLine(int left, ChartAxis delivered) {
        double from = Math.max(offered.min(), delivered.min());
        double to = Math.min(offered.max(), delivered.max());
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"#999\" stroke-dasharray=\"4 4\" points=\"%.1f,%.1f %.1f,%.1f\"/>%n",
                left + offered.pixel(from), delivered.pixel(from), left + offered.pixel(to), delivered.pixel(to)));
    }

    private void legend() {
        double x = 80;
        int series = 0;
        for (String target : byTarget.keySet()) {
            line(x, 415, x + 24, 415, COLOURS[series++ % COLOURS.length], " stroke-width=\"2\"");
            text(x + 30, 419, "start", 12, escape(target));
            x += 40 + 8 * target.length();
        }
        line(x, 415, x + 24, 415, "#999", " stroke-dasharray=\"4 4\"");
        text(x + 30, 419, "start", 12, "offered (delivered = offered)");
    }

    private void line(double x1, double y1, double x2, double y2, String colour, String extra) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n", x1, y1, x2, y2, colour, extra));
    }

    private void text(double x, double y, String anchor, int size, String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n", x, y, anchor, size, content));
    }

    private static double number(Map<String, Object> row, String column) {
        return row.get(column) instanceof Number n ? n.doubleValue() : 0;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
