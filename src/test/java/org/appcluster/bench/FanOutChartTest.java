package org.appcluster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class FanOutChartTest {

    private static Map<String, Object> row(String target, int offered, long delivered, double p99) {
        return Map.of("target", target, "offered deliveries/s", offered, "delivered/s", delivered, "p99 ms", p99);
    }

    @Test
    void drawsOneLinePerTargetInEachPanelWithALegend(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fanout.svg");
        FanOutChart.write(file, "1. fan-out", List.of(
                row("app-cluster (payara)", 2_500, 2_500, 12.5), row("app-cluster (payara)", 5_000, 4_900, 0.0),
                row("socket.io", 2_500, 2_500, 3.1), row("socket.io", 5_000, 5_000, 4.0)));
        String svg = Files.readString(file);
        Document parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        // Two targets in two panels, and the dashed "offered" reference.
        assertEquals(5, parsed.getElementsByTagName("polyline").getLength());
        assertTrue(svg.contains(">socket.io</text>") && svg.contains(">app-cluster (payara)</text>"));
        assertTrue(svg.contains("offered deliveries/s (log)") && svg.contains("p99 latency, ms (log)"));
        assertTrue(!svg.contains("NaN") && !svg.contains("Infinity"), svg);
    }

    @Test
    void drawsASingleStepToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("one.svg");
        FanOutChart.write(file, "smoke", List.of(row("socket.io", 200, 200, 1.0)));
        assertTrue(!Files.readString(file).contains("NaN"));
    }
}
