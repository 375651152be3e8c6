package org.appcluster.infra;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client behind a request, which the rate limits and the sign-in back-off key
 * on. Behind a load balancer every request comes from the balancer, so {@code X-Forwarded-For} is
 * read, but only when the request came from one of {@code http.trusted-proxies} (addresses or
 * CIDR ranges): then the client is the right-most address in it that is not a trusted proxy. From
 * anyone else the header is ignored, so a client cannot make up its address. The same proxies are
 * believed when they say, in {@code X-Forwarded-Proto}, that the browser came over HTTPS.
 */
@ApplicationScoped
public class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    @Inject
    @ConfigProperty(name = "http.trusted-proxies")
    Optional<String> trustedProxies = Optional.empty();

    private List<Range> trusted = List.of();

    /** An address range: the first {@code prefixBits} bits of {@code network}. */
    private record Range(byte[] network, int prefixBits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            return rest == 0 || ((address[full] ^ network[full]) & (0xff << (8 - rest))) == 0;
        }
    }

    @PostConstruct
    void configure() {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies.orElse("").split(",")) {
            if (!entry.isBlank()) {
                ranges.add(range(entry.trim()));
            }
        }
        trusted = List.copyOf(ranges);
    }

    public String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(remote)) {
            return remote;
        }
        List<String> forwarded = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            Arrays.stream(header.split(",")).map(String::trim).filter(hop -> !hop.isEmpty()).forEach(forwarded::add);
        }
        String client = remote;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i);
            if (parse(hop).isEmpty()) {
                return client; // not an address: what lies beyond it cannot be trusted
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /**
     * Whether the browser reached us over HTTPS: directly, or through a trusted proxy whose
     * {@code X-Forwarded-Proto} (the last value: the one the nearest proxy set) says so.
     */
    public boolean cameOverHttps(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        if (trusted.isEmpty() || !isTrusted(request.getRemoteAddr())) {
            return false;
        }
        List<String> protocols = Collections.list(request.getHeaders("X-Forwarded-Proto"));
        if (protocols.isEmpty()) {
            return false;
        }
        String[] hops = protocols.get(protocols.size() - 1).split(",");
        return "https".equalsIgnoreCase(hops[hops.length - 1].trim());
    }

    private boolean isTrusted(String address) {
        Optional<byte[]> bytes = parse(address);
        return bytes.isPresent() && trusted.stream().anyMatch(range -> range.contains(bytes.get()));
    }

    /** Literal addresses only: nothing here ever asks DNS. */
    private static Optional<byte[]> parse(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = parse(slash < 0 ? entry : entry.substring(0, slash))
                .orElseThrow(() -> new IllegalStateException("http.trusted-proxies: '" + entry + "' is not an address or CIDR range"));
        String prefix = slash < 0 ? String.valueOf(network.length * 8) : entry.substring(slash + 1);
        int bits = prefix.matches("\\d{1,3}") ? Integer.parseInt(prefix) : -1;
        if (bits < 0 || bits > network.length * 8) {
            throw new IllegalStateException("http.trusted-proxies: bad prefix length in '" + entry + "'");
        }
        return new Range(network, bits);
    }
}
