package org.appcluster.security.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.appcluster.infra.ClientAddress;
import org.appcluster.security.control.SessionCookie;

/**
 * The session cookie carries what {@code web.xml} configures ({@code HttpOnly},
 * {@code SameSite=Lax}) on both servers, and is {@code Secure} when the browser came over HTTPS,
 * directly or through a trusted proxy that says so ({@code X-Forwarded-Proto}). The servers mark
 * it only for TLS they terminate themselves, and a fixed {@code <secure>} would lose the session
 * of every plain-HTTP deployment, so the request the application sees completes the cookie of
 * each session it starts. On WildFly, {@code WEB-INF/undertow-handlers.conf} adds the SameSite
 * attribute, which Undertow leaves out of a cookie set through the Servlet API.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SessionCookieFilter extends HttpFilter {

    @Inject
    ClientAddress clientAddress;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getHeader("Upgrade") != null) {
            chain.doFilter(request, response); // a socket handshake starts no session
            return;
        }
        chain.doFilter(new SessionStartingRequest(request, response, clientAddress.cameOverHttps(request)), response);
    }

    /** Completes the cookie of a session started (or given a new id) while this request runs. */
    private static final class SessionStartingRequest extends HttpServletRequestWrapper {

        private final HttpServletResponse response;
        private final boolean overHttps;
        private String completedId;

        SessionStartingRequest(HttpServletRequest request, HttpServletResponse response, boolean overHttps) {
            super(request);
            this.response = response;
            this.overHttps = overHttps;
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public HttpSession getSession(boolean create) {
            HttpSession session = super.getSession(create);
            if (session != null) {
                complete(session.getId());
            }
            return session;
        }

        @Override
        public String changeSessionId() {
            String id = super.changeSessionId();
            complete(id);
            return id;
        }

        private void complete(String id) {
            if (id.equals(completedId) || id.equals(getRequestedSessionId()) || response.isCommitted()) {
                return; // the browser has this id already, or its cookie is complete in this response
            }
            completedId = id;
            SessionCookie.complete(response, getServletContext(), id, overHttps);
        }
    }
}
