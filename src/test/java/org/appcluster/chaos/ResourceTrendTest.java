package org.appcluster.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResourceTrendTest {

    private static ResourceTrend of(double allowance, double share, double... values) {
        ResourceTrend trend = new ResourceTrend("threads", allowance, share);
        for (double value : values) {
            trend.add(value);
        }
        return trend;
    }

    @Test
    void aFlatFigureWithSpikesFromFaultsHolds() {
        ResourceTrend trend = of(4, 0, 120, 121, 160, 120, 119, 122, 121, 158, 120, 121, 122, 120);
        assertNull(trend.growth());
        assertEquals(120.5, trend.firstThird());
        assertEquals(120.5, trend.lastThird());
    }

    @Test
    void aFigureThatClimbsWithEachFaultIsReportedWithItsThirds() {
        ResourceTrend trend = of(4, 0, 120, 122, 124, 126, 128, 130, 132, 134, 136, 138, 140, 142);
        String growth = trend.growth();
        assertNotNull(growth);
        assertTrue(growth.contains("threads grew from 123.0 (median of the first third) to 139.0 (of the last)"), growth);
    }

    @Test
    void theShareScalesTheAllowanceWithTheFigure() {
        assertNull(of(0, 0.1, 100, 100, 100, 105, 105, 105, 109, 109, 109).growth());
        assertNotNull(of(0, 0.1, 100, 100, 100, 105, 105, 105, 111, 111, 111).growth());
    }

    @Test
    void tooFewSamplesAreNotAVerdictOfHealth() {
        String growth = of(4, 0, 1, 1, 1, 1, 1, 1, 1, 1).growth();
        assertNotNull(growth);
        assertTrue(growth.contains("only 8 samples"), growth);
    }
}
