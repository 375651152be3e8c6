package org.appcluster.infra;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error pages (every status it answers by itself: 400 for a request it cannot
 * read, 401, 403, 404…): JSON with our error body for API paths, a short page for people. Never
 * the server's own HTML or a stack trace.
 */
@WebServlet("/error")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND;
        if (status == HttpServletResponse.SC_NOT_IMPLEMENTED) {
            // The default servlet's answer to a method it has no handler for (PATCH on a static
            // path): the caller's mistake, not a server failure.
            status = HttpServletResponse.SC_METHOD_NOT_ALLOWED;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        response.setStatus(status);
        if (path.startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(ApiResponses.error(message(status), ApiResponses.codeFor(status), path).toString());
            return;
        }
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status
                + "</title><link rel=\"stylesheet\" href=\"/hello-app-cluster/assets/site.css\"></head><body><main><h1>"
                + message(status) + "</h1><p><a href=\"/hello-app-cluster/\">Back to the demos</a> · <a href=\"/signin.jsp\">Sign in</a></p></main></body></html>");
    }

    private static String message(int status) {
        return switch (status) {
            case 401 -> "Sign in first";
            case 403 -> "You are not allowed to do this";
            case 404 -> "Not found";
            case 400 -> "The request could not be read";
            default -> "Request failed";
        };
    }
}
