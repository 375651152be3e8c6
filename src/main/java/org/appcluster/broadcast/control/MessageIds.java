package org.appcluster.broadcast.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique message ids without a random draw per message: a random prefix per node start plus a
 * sequence, so ids from two nodes, or from one node before and after a restart, never collide.
 */
@ApplicationScoped
public class MessageIds {

    private final String prefix = randomHex(8) + "-";
    private final AtomicLong sequence = new AtomicLong();

    private static String randomHex(int bytes) {
        byte[] seed = new byte[bytes];
        new SecureRandom().nextBytes(seed);
        return HexFormat.of().formatHex(seed);
    }

    public String next() {
        return prefix + Long.toHexString(sequence.incrementAndGet());
    }
}
