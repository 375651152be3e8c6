package org.appcluster.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void eachDurationCountsInTheFirstBucketItFitsAndInTheSum() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(0);
        histogram.record(1);
        histogram.record(2);
        histogram.record(7);
        histogram.record(60_000);
        histogram.record(-3);

        LatencyHistogram.Snapshot snapshot = histogram.snapshot();
        assertEquals(6, snapshot.count());
        assertEquals(60_010, snapshot.sumMillis());
        assertEquals(3, snapshot.cumulative()[0], "0, 1 and a clock step back (as 0) are within 1 ms");
        assertEquals(4, snapshot.cumulative()[1], "2 ms is within 2 ms");
        assertEquals(4, snapshot.cumulative()[2]);
        assertEquals(5, snapshot.cumulative()[3], "7 ms is within 10 ms");
        assertEquals(5, snapshot.cumulative()[LatencyHistogram.boundsMillis().length - 1]);
        assertEquals(6, snapshot.cumulative()[LatencyHistogram.boundsMillis().length], "+Inf holds everything");
    }
}
