package org.appcluster.security.control;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Completes the session cookie a response is about to send: the attributes {@code web.xml}
 * configures ({@code SameSite=Lax}, which Payara leaves out), and {@code Secure} when the browser came over
 * HTTPS. Servers keep that cookie in one of two places until the response commits: Payara as a
 * {@code Set-Cookie} header (rewritten here, so there is still one), WildFly in a cookie store
 * keyed by name, path and domain (where a cookie of the same name and path replaces it).
 */
public final class SessionCookie {

    private static final String SET_COOKIE = "Set-Cookie";
    private static final String SAME_SITE = "SameSite";
    /** Attributes the Cookie API sets through its own setters. */
    private static final Set<String> STANDARD = Set.of("path", "domain", "max-age", "expires", "secure", "httponly", "comment");

    private SessionCookie() {
    }

    public static void complete(HttpServletResponse response, ServletContext context, String sessionId, boolean secure) {
        SessionCookieConfig config = context.getSessionCookieConfig();
        String name = config.getName() != null ? config.getName() : "JSESSIONID";
        List<String> headers = new ArrayList<>(response.getHeaders(SET_COOKIE));
        boolean found = false;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).startsWith(name + "=")) {
                found = true;
                headers.set(i, completed(headers.get(i), extraAttributes(config), secure));
            }
        }
        if (found) {
            response.setHeader(SET_COOKIE, headers.get(0));
            headers.subList(1, headers.size()).forEach(header -> response.addHeader(SET_COOKIE, header));
        } else {
            response.addCookie(copy(config, name, sessionId, context.getContextPath(), secure));
        }
    }

    /**
     * The configured attributes beyond those the Cookie API has setters for, and SameSite=Lax
     * unless configured otherwise: Payara reads neither {@code web.xml}'s nor a programmatic one.
     */
    private static Map<String, String> extraAttributes(SessionCookieConfig config) {
        Map<String, String> extra = new LinkedHashMap<>();
        config.getAttributes().forEach((attribute, value) -> {
            if (!STANDARD.contains(attribute.toLowerCase(Locale.ROOT))) {
                extra.put(attribute, value);
            }
        });
        if (extra.keySet().stream().noneMatch(SAME_SITE::equalsIgnoreCase)) {
            extra.put(SAME_SITE, "Lax");
        }
        return extra;
    }

    private static String completed(String header, Map<String, String> attributes, boolean secure) {
        StringBuilder cookie = new StringBuilder(header);
        attributes.forEach((attribute, value) -> {
            if (!has(header, attribute)) {
                cookie.append("; ").append(attribute).append(value == null || value.isEmpty() ? "" : "=" + value);
            }
        });
        if (secure && !has(header, "Secure")) {
            cookie.append("; Secure");
        }
        return cookie.toString();
    }

    private static boolean has(String header, String attribute) {
        return Pattern.compile(";\\s*" + Pattern.quote(attribute) + "\\s*(=|;|$)", Pattern.CASE_INSENSITIVE).matcher(header).find();
    }

    /** The cookie the server would send for this session, as configured. */
    private static Cookie copy(SessionCookieConfig config, String name, String sessionId, String contextPath, boolean secure) {
        Cookie cookie = new Cookie(name, sessionId);
        extraAttributes(config).forEach(cookie::setAttribute);
        cookie.setPath(config.getPath() != null ? config.getPath() : contextPath.isEmpty() ? "/" : contextPath);
        if (config.getDomain() != null) {
            cookie.setDomain(config.getDomain());
        }
        cookie.setMaxAge(config.getMaxAge());
        cookie.setHttpOnly(config.isHttpOnly());
        cookie.setSecure(secure || config.isSecure());
        return cookie;
    }
}
