package org.appcluster.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
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

    @Test
    void theP99OfAnIntervalComesFromTheBucketsRecordedInIt() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) {
            histogram.record(3_000);
        }
        LatencyHistogram.Snapshot before = histogram.snapshot();
        for (int i = 0; i < 99; i++) {
            histogram.record(4);
        }
        histogram.record(40);
        LatencyHistogram.Snapshot interval = histogram.snapshot().since(before);

        assertEquals(100, interval.count());
        assertEquals(436, interval.sumMillis());
        assertEquals(OptionalLong.of(5), interval.quantileMillis(0.99), "99 of 100 are within 5 ms");
        assertEquals(OptionalLong.of(50), interval.quantileMillis(1.0), "the slowest is within 50 ms");
        assertEquals(OptionalLong.of(5000), before.quantileMillis(0.99), "before it, everything took 3 s");
        assertEquals(OptionalLong.empty(), histogram.snapshot().since(histogram.snapshot()).quantileMillis(0.99), "nothing recorded: no p99");
    }
}
