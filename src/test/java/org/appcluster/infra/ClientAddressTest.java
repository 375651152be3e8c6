package org.appcluster.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        return request(remote, false, Map.of("x-forwarded-for", List.of(forwardedFor)));
    }

    /** A plain-HTTP request from {@code remote} with these X-Forwarded-Proto header values. */
    private static HttpServletRequest forwardedProto(String remote, String... protocols) {
        return request(remote, false, Map.of("x-forwarded-proto", List.of(protocols)));
    }

    private static HttpServletRequest request(String remote, boolean secure, Map<String, List<String>> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remote;
                    case "isSecure" -> secure;
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault(((String) args[0]).toLowerCase(Locale.ROOT), List.of()));
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
    void httpsIsBelievedFromTheConnectionOrATrustedProxy() {
        ClientAddress address = trusting("127.0.0.1");
        assertTrue(address.cameOverHttps(request("198.51.100.7", true, Map.of())), "TLS to the node itself");
        assertTrue(address.cameOverHttps(forwardedProto("127.0.0.1", "https")));
        assertTrue(address.cameOverHttps(forwardedProto("127.0.0.1", "http, HTTPS")), "the nearest proxy's value counts");
        assertFalse(address.cameOverHttps(forwardedProto("127.0.0.1", "https, http")));
        assertFalse(address.cameOverHttps(forwardedProto("127.0.0.1")), "no header: plain HTTP");
        assertFalse(address.cameOverHttps(forwardedProto("198.51.100.7", "https")), "not from a trusted proxy: the header is ignored");
        assertFalse(trusting("").cameOverHttps(forwardedProto("127.0.0.1", "https")), "no trusted proxies: the header is ignored");
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
