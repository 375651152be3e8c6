package org.appcluster.broadcast.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisConnectionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RedisAvailabilityTest {

    @Test
    void anUnreachableRedisIsLoggedWithWhyNotOnlyWhere() {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        RedisConnectionException failure = new RedisConnectionException("Unable to connect to 127.0.0.1:6380",
                new IllegalStateException("handshake", untrusted));

        assertEquals("Unable to connect to 127.0.0.1:6380: javax.net.ssl.SSLHandshakeException: PKIX path building failed",
                RedisAvailability.reason(failure));
        assertEquals("Connection refused", RedisAvailability.reason(new RedisConnectionException("Connection refused")));
    }
}
