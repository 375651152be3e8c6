package org.appcluster.broadcast.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PublishRateLimiterTest {

    private final PublishRateLimiter limiter = new PublishRateLimiter();
    private long now = 1_000_000_000L;

    PublishRateLimiterTest() {
        limiter.clock = () -> now;
    }

    @Test
    void limitsEachClientAndLetsItGoOnInTheNextSecond() {
        long allowed = IntStream.range(0, 30).filter(i -> limiter.allow("10.0.0.1", "tab-1")).count();
        assertEquals(PublishRateLimiter.PER_CLIENT_PER_SECOND, allowed);
        assertTrue(limiter.allow("10.0.0.1", "tab-2"), "another client on the same address is not affected");
        now += 1_000_000_000L;
        assertTrue(limiter.allow("10.0.0.1", "tab-1"));
    }

    @Test
    void rotatingUuidsStillHitsTheAddressLimit() {
        long allowed = IntStream.range(0, 500).filter(i -> limiter.allow("10.0.0.2", "tab-" + i)).count();
        assertEquals(PublishRateLimiter.PER_ADDRESS_PER_SECOND, allowed);
        assertFalse(limiter.allow("10.0.0.2", null));
        assertTrue(limiter.allow("10.0.0.3", null));
    }
}
