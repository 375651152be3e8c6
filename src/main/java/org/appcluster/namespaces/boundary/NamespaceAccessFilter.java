package org.appcluster.namespaces.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.appcluster.clients.control.ClientFrames;
import org.appcluster.infra.ApiResponses;
import org.appcluster.namespaces.control.NamespaceCatalog;
import org.appcluster.namespaces.entity.NamespaceDefinition;

/**
 * Answers a namespace handshake its caller may not make with a real HTTP status and the API's
 * JSON error: 401 when the namespace needs a signed-in user, 403 without one of its roles, 404
 * for a path no namespace has. A browser's WebSocket sees the handshake fail and the jPulse client
 * retries later; a client reading the answer knows why.
 */
@WebFilter(urlPatterns = "/api/1/ws/*", asyncSupported = true)
public class NamespaceAccessFilter extends HttpFilter {

    @Inject
    NamespaceCatalog catalog;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(ClientFrames.NAMESPACE)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<NamespaceCatalog.Opened> opened = catalog.match(path);
        if (opened.isEmpty()) {
            refuse(response, 404, "No WebSocket namespace at this path", path);
            return;
        }
        NamespaceDefinition namespace = opened.get().namespace().definition();
        if (namespace.signedIn() && request.getUserPrincipal() == null) {
            refuse(response, 401, "Sign in to connect to this namespace", path);
        } else if (!namespace.roles().isEmpty() && namespace.roles().stream().noneMatch(request::isUserInRole)) {
            refuse(response, 403, "This namespace needs one of the roles " + namespace.roles(), path);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static void refuse(HttpServletResponse response, int status, String message, String path) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ApiResponses.error(message, ApiResponses.codeFor(status), path).toString());
    }
}
