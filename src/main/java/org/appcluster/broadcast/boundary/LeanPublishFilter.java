package org.appcluster.broadcast.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import org.appcluster.infra.ApiException;
import org.appcluster.infra.ApiResponses;
import org.appcluster.infra.SecurityHeadersFilter;

/**
 * Answers {@code POST /api/1/app-cluster/broadcast/<channel>} (JSON) before it reaches JAX-RS.
 * Publishing is the request a busy site sends most, and the JAX-RS runtime (Jersey or RESTEasy,
 * with their injection frameworks and filters) took about half the CPU of each one; the checks,
 * the answer and the errors are those of {@link BroadcastResource}, which keeps the bulk publish,
 * the status and every request this filter does not take (another content type gets its 415
 * there). {@code broadcast.lean-publish=false} leaves single publishes to JAX-RS too, for a site
 * whose own JAX-RS filters must see them.
 */
@WebFilter(urlPatterns = "/api/1/app-cluster/broadcast/*", asyncSupported = true)
public class LeanPublishFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(LeanPublishFilter.class.getName());
    private static final String PREFIX = "/api/1/app-cluster/broadcast/";
    private static final Set<String> PLAIN_JSON = Set.of("application/json", "application/json;charset=utf-8");

    @Inject
    PublishRequests requests;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String channel = channelOf(request);
        if (channel == null || !requests.lean()) {
            chain.doFilter(request, response);
            return;
        }
        SecurityHeadersFilter.addTo(response);
        try {
            answer(response, 200, requests.publishOne(channel, request.getInputStream(), request));
        } catch (ApiException e) {
            if (e.retryAfterSeconds() > 0) {
                response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            answer(response, e.status(), ApiResponses.error(e.getMessage(), e.code(), path(request)));
        } catch (RuntimeException e) {
            answer(response, 500, ApiResponses.unexpected(LOG, e, path(request)));
        }
    }

    /**
     * The channel of a single JSON publish, or null for any other request. Only the plain forms
     * are taken: any other content type or parameter, or an {@code Accept} without JSON, goes on
     * to JAX-RS, which answers it as it always did (415, 400 or 406).
     */
    private static String channelOf(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !PLAIN_JSON.contains(normalized(request.getContentType()))
                || !acceptsJson(request.getHeader("Accept"))) {
            return null;
        }
        String path = pathInContext(request);
        if (!path.startsWith(PREFIX) || path.length() == PREFIX.length() || path.indexOf('/', PREFIX.length()) >= 0) {
            return null;
        }
        return path.substring(PREFIX.length());
    }

    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            int parameters = range.indexOf(';');
            String type = (parameters < 0 ? range : range.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
            if (parameters < 0 && (type.equals("application/json") || type.equals("application/*") || type.equals("*/*"))) {
                return true;
            }
        }
        return false;
    }

    private static String normalized(String contentType) {
        return contentType == null ? "" : contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** The decoded path below the context, as the container mapped it. */
    private static String pathInContext(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    /** The path as JAX-RS's errors name it: below {@code /api/1}. */
    private static String path(HttpServletRequest request) {
        return pathInContext(request).substring("/api/1".length());
    }

    private static void answer(HttpServletResponse response, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
