package org.appcluster.clients.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a WebSocket handshake a browser makes from another site's page (cross-site WebSocket
 * hijacking): the {@code Origin} must be this site's own, as seen in the {@code Host} header, or
 * one listed in {@code websocket.allowed-origins}. Clients that are not browsers send no Origin.
 */
@WebFilter(urlPatterns = "/api/1/ws/*", asyncSupported = true)
public class SocketOriginFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(SocketOriginFilter.class.getName());

    @Inject
    @ConfigProperty(name = "websocket.allowed-origins")
    Optional<String> allowedOrigins;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null || sameOrigin(origin, request.getHeader("Host")) || listed(origin)) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warning(() -> "Refused a socket from origin " + origin.replaceAll("[^\\x20-\\x7e]", "?")
                + " (host " + request.getHeader("Host") + "); allow it with websocket.allowed-origins");
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "Origin not allowed");
    }

    static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            if (host == null || uri.getHost() == null) {
                return false;
            }
            String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? ":443" : ":80";
            String expected = host.toLowerCase(Locale.ROOT);
            String actual = originHost.toLowerCase(Locale.ROOT);
            return actual.equals(expected) || (actual + defaultPort).equals(expected) || actual.equals(expected + defaultPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean listed(String origin) {
        List<String> allowed = allowedOrigins.map(list -> Arrays.stream(list.split(",")).map(String::trim).toList()).orElse(List.of());
        return allowed.contains(origin) || allowed.contains("*");
    }
}
