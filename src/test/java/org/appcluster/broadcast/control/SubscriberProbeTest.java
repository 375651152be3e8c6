package org.appcluster.broadcast.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberProbeTest {

    private long now;
    private final SubscriberProbe probe = new SubscriberProbe("site:prod:bc:probe:node-a", () -> now);

    private void advance(Duration by) {
        now += by.toNanos();
    }

    @Test
    void sendsOneProbeAtATimeEveryInterval() {
        assertNull(probe.next(), "nothing before the first interval");
        advance(SubscriberProbe.EVERY);
        assertEquals("1", probe.next());
        advance(SubscriberProbe.EVERY);
        assertNull(probe.next(), "the first is still out");

        advance(Duration.ofMillis(3));
        probe.answered("1");
        assertEquals(SubscriberProbe.EVERY.toMillis() + 3, probe.roundTripMillis());
        assertNull(probe.next(), "the next waits a whole interval after the answer");
        advance(SubscriberProbe.EVERY);
        assertEquals("2", probe.next());
    }

    @Test
    void aProbeUnansweredPastTheTimeoutMeansTheSubscriptionStalled() {
        advance(SubscriberProbe.EVERY);
        probe.next();
        advance(SubscriberProbe.TIMEOUT);
        assertFalse(probe.stalled(), "exactly the timeout is still patience");
        advance(Duration.ofMillis(1));
        assertTrue(probe.stalled());

        probe.reset();
        assertFalse(probe.stalled(), "a new connection starts with nothing outstanding");
    }

    @Test
    void lateOrForeignAnswersAreIgnored() {
        advance(SubscriberProbe.EVERY);
        probe.next();
        probe.answered("7");
        probe.answered("not a number");
        advance(SubscriberProbe.TIMEOUT.plusMillis(1));
        assertTrue(probe.stalled());
        assertEquals(-1, probe.roundTripMillis());
    }

    @Test
    void eachHealthRoundPublishesWhatIsDueAndReportsAStall() {
        List<String> published = new ArrayList<>();
        advance(SubscriberProbe.EVERY);
        assertTrue(probe.check(published::add));
        assertTrue(probe.check(payload -> {
            throw new IllegalStateException("not reached: one probe is out");
        }));
        assertEquals(List.of("1"), published);
        advance(SubscriberProbe.TIMEOUT.plusMillis(1));
        assertFalse(probe.check(published::add), "the caller reconnects");
        assertEquals(List.of("1"), published);
    }
}
