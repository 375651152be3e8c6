package org.appcluster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.appcluster.infra.LatencyHistogram;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void familiesCarryTheirTypeAndTheHistogramIsCumulativeInSeconds() {
        LatencyHistogram latency = new LatencyHistogram();
        latency.record(1);
        latency.record(30);
        latency.record(20_000);

        String text = new PrometheusText()
                .counter("x_sent_total", "Frames sent", 7)
                .gauge("x_ratio", "A fraction", 0.25)
                .histogram("x_seconds", "Delay", latency.snapshot())
                .text();

        assertEquals("""
                # HELP x_sent_total Frames sent
                # TYPE x_sent_total counter
                x_sent_total 7
                # HELP x_ratio A fraction
                # TYPE x_ratio gauge
                x_ratio 0.25
                # HELP x_seconds Delay
                # TYPE x_seconds histogram
                x_seconds_bucket{le="0.001"} 1
                x_seconds_bucket{le="0.002"} 1
                x_seconds_bucket{le="0.005"} 1
                x_seconds_bucket{le="0.01"} 1
                x_seconds_bucket{le="0.025"} 1
                x_seconds_bucket{le="0.05"} 2
                x_seconds_bucket{le="0.1"} 2
                x_seconds_bucket{le="0.25"} 2
                x_seconds_bucket{le="0.5"} 2
                x_seconds_bucket{le="1"} 2
                x_seconds_bucket{le="2"} 2
                x_seconds_bucket{le="5"} 2
                x_seconds_bucket{le="10"} 2
                x_seconds_bucket{le="+Inf"} 3
                x_seconds_sum 20.031
                x_seconds_count 3
                """, text);
    }
}
