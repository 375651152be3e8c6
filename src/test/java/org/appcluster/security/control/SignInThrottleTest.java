package org.appcluster.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private long now = 0;
    private final SignInThrottle throttle = new SignInThrottle();

    SignInThrottleTest() {
        throttle.clock = () -> now;
    }

    private void fail(String address, String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address, user);
        }
    }

    @Test
    void theFirstFailuresAreFreeThenEachDoublesTheWait() {
        fail("10.0.0.1", "admin", SignInThrottle.FREE_FAILURES - 1);
        assertEquals(Duration.ZERO, throttle.waitBefore("10.0.0.1", "admin"));
        fail("10.0.0.1", "admin", 1);
        assertEquals(Duration.ofSeconds(1), throttle.waitBefore("10.0.0.1", "admin"));
        fail("10.0.0.1", "admin", 3);
        assertEquals(Duration.ofSeconds(8), throttle.waitBefore("10.0.0.1", "admin"));
        now += Duration.ofSeconds(8).toNanos();
        assertEquals(Duration.ZERO, throttle.waitBefore("10.0.0.1", "admin"));
        fail("10.0.0.1", "admin", 40);
        assertEquals(SignInThrottle.MAX_WAIT, throttle.waitBefore("10.0.0.1", "admin"));
    }

    @Test
    void anAccountIsProtectedFromManyAddressesAndAnAddressAcrossAccounts() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.1." + i, "admin");
        }
        assertTrue(throttle.waitBefore("10.9.9.9", "admin").compareTo(Duration.ZERO) > 0, "the account backs off");
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.2.1", "user" + i);
        }
        assertTrue(throttle.waitBefore("10.0.2.1", "someone-else").compareTo(Duration.ZERO) > 0, "the address backs off");
        assertEquals(Duration.ZERO, throttle.waitBefore("10.9.9.9", "someone-else"));
    }

    @Test
    void aSuccessClearsTheAccountAndTheAddress() {
        fail("10.0.0.1", "admin", 10);
        throttle.succeeded("10.0.0.1", "admin");
        assertEquals(Duration.ZERO, throttle.waitBefore("10.0.0.1", "admin"));
    }
}
