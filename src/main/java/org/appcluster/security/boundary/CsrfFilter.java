package org.appcluster.security.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.appcluster.infra.ApiResponses;
import org.appcluster.security.control.CsrfTokens;

/** State-changing admin requests must carry the session's CSRF token. */
@WebFilter(urlPatterns = "/api/1/admin/*", asyncSupported = true)
public class CsrfFilter extends HttpFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getUserPrincipal() == null
                || CsrfTokens.matches(request.getSession(false), request.getHeader(CsrfTokens.HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter().write(ApiResponses.error("Missing or wrong " + CsrfTokens.HEADER + " header: read it from GET /api/1/auth/me",
                "CSRF_TOKEN_INVALID", request.getRequestURI()).toString());
    }
}
