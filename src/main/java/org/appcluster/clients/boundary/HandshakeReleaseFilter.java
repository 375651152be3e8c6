package org.appcluster.clients.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * After a socket's handshake (broadcast and namespace sockets alike), lets WildFly drop what it
 * kept of the handshake request ({@link UndertowHandshakes}). Undertow's WebSocket filter comes
 * after the application's, so the 101 is decided when the chain returns here, and the upgrade
 * itself happens after that. Elsewhere (Payara), or when Undertow's members are not the expected
 * ones, or after any failure, the filter passes requests on and does nothing more, for good.
 */
@WebFilter(urlPatterns = "/api/1/ws/*", asyncSupported = true)
public class HandshakeReleaseFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(HandshakeReleaseFilter.class.getName());

    @Inject
    @ConfigProperty(name = "websocket.release-handshake", defaultValue = "true")
    boolean wanted;

    /** Null until the first handshake decides; then the release, or {@link #off} when there is none. */
    private volatile UndertowHandshakes release;
    private volatile boolean off;

    @Override
    public void init() {
        off = !wanted;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        if (off || response.getStatus() != HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
            return;
        }
        try {
            UndertowHandshakes current = release;
            if (current == null) {
                current = firstHandshake(request);
                if (current == null) {
                    return;
                }
            }
            current.releaseAfterUpgrade(request);
        } catch (ReflectiveOperationException | RuntimeException e) {
            off = true;
            LOG.warning(() -> "Sockets keep their handshake request from now on: " + e);
        }
    }

    private UndertowHandshakes firstHandshake(HttpServletRequest request) {
        try {
            release = UndertowHandshakes.find(request);
            LOG.fine("Undertow sockets let go of their handshake request once open");
            return release;
        } catch (UnsupportedOperationException e) {
            off = true;
            LOG.fine(() -> "Sockets keep their handshake request, as the server does: " + e.getMessage());
            return null;
        }
    }
}
