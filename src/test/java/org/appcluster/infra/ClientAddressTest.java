package org.appcluster.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static ClientAddress trusting(String proxies) {
        ClientAddress address = new ClientAddress();
        address.trustedProxies = Optional.of(proxies);
        address.configure();
        return address;
    }

    /** A request from {@code remote} with these X-Forwarded-For header values. */
    private static HttpServletRequest request(String remote, String... forwardedFor) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remote;
                    case "getHeaders" -> Collections.enumeration("X-Forwarded-For".equalsIgnoreCase((String) args[0]) ? List.of(forwardedFor) : List.of());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("127.0.0.1", trusting("").of(request("127.0.0.1", "203.0.113.9")));
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        ClientAddress address = trusting("127.0.0.1, 10.0.0.0/8");
        assertEquals("203.0.113.9", address.of(request("127.0.0.1", "203.0.113.9")));
        // Hops through more trusted proxies: the right-most untrusted one is the client.
        assertEquals("203.0.113.9", address.of(request("127.0.0.1", "198.51.100.1, 203.0.113.9, 10.1.2.3")));
        assertEquals("203.0.113.9", address.of(request("10.9.9.9", "198.51.100.1", "203.0.113.9")));
    }

    @Test
    void aClientCannotMakeUpItsAddress() {
        ClientAddress address = trusting("127.0.0.1");
        assertEquals("198.51.100.7", address.of(request("198.51.100.7", "127.0.0.1")), "not from a trusted proxy: the header is ignored");
        assertEquals("127.0.0.1", address.of(request("127.0.0.1", "evil.example, not-an-address")), "garbage is not a client");
        assertEquals("127.0.0.1", address.of(request("127.0.0.1")), "no header: the proxy itself");
    }

    @Test
    void ipv6RangesWork() {
        assertEquals("2001:db8::7", trusting("::1,fd00::/8").of(request("fd12::1", "2001:db8::7")));
    }

    @Test
    void aBadEntryStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> trusting("10.0.0.0/40"));
        assertThrows(IllegalStateException.class, () -> trusting("proxy.example"));
    }
}
