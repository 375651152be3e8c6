package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.RawHttp;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Browser-facing protections: socket origins and the headers and markup of every page. */
@ExtendWith(LocalCluster.Extension.class)
class WebSecurityIT {

    private static final String[] PAGES = {"/hello-app-cluster/", "/hello-app-cluster/notifications.jsp",
            "/hello-app-cluster/collaborative-todo.jsp", "/hello-app-cluster/dashboard.jsp", "/hello-app-cluster/code-examples.jsp",
            "/hello-app-cluster/architecture.jsp"};
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_HANDLER = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECURE = Pattern.compile(";\\s*Secure\\s*(;|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

    @Test
    void aPageFromAnotherSiteCannotOpenTheBroadcastSocket(LocalCluster cluster) {
        ServerNode node = cluster.a();
        CompletionException refused = assertThrows(CompletionException.class,
                () -> SocketClient.connectFrom(node, "https://evil.example"));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, handshake.getResponse().statusCode());

        String ownOrigin = node.uri("/").toString().replaceAll("/$", "");
        try (SocketClient own = SocketClient.connectFrom(node, ownOrigin);
             SocketClient partner = SocketClient.connectFrom(node, LocalCluster.ALLOWED_ORIGIN)) {
            assertTrue(own.isOpen() && partner.isOpen());
        }
    }

    @Test
    void theSessionCookieIsSecureWhenTheBrowserCameOverHttps(LocalCluster cluster) {
        ServerNode node = cluster.a();
        // Pages start no session; signing in does. The test nodes trust 127.0.0.1 as their proxy,
        // and 127.0.0.2 is anyone else.
        String overHttps = signInCookie(node, "127.0.0.1", "X-Forwarded-Proto: https");
        assertTrue(SECURE.matcher(overHttps).find(), "over HTTPS through the trusted proxy: " + overHttps);
        assertTrue(overHttps.matches("(?i).*;\\s*HttpOnly.*") && overHttps.matches("(?i).*;\\s*SameSite=Lax.*"), overHttps);

        String plain = signInCookie(node, "127.0.0.1");
        assertFalse(SECURE.matcher(plain).find(), "plain HTTP: " + plain);
        assertTrue(plain.matches("(?i).*;\\s*HttpOnly.*") && plain.matches("(?i).*;\\s*SameSite=Lax.*"), plain);
        String forged = signInCookie(node, "127.0.0.2", "X-Forwarded-Proto: https");
        assertFalse(SECURE.matcher(forged).find(), "a peer that is not a trusted proxy is not believed: " + forged);
    }

    private static String signInCookie(ServerNode node, String from, String... headers) {
        String signIn = "{\"username\":\"" + LocalCluster.USER + "\",\"password\":\"" + LocalCluster.USER_PASSWORD + "\"}";
        RawHttp.Response signedIn = RawHttp.from(from, node, "POST", "/api/1/auth/signin", signIn, headers);
        assertEquals(200, signedIn.status(), signedIn.text());
        return onlySessionCookie(signedIn);
    }

    private static String onlySessionCookie(RawHttp.Response response) {
        List<String> cookies = response.headers("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID=")).toList();
        assertEquals(1, cookies.size(), "one session cookie: " + cookies);
        return cookies.get(0);
    }

    @Test
    void pagesSendAStrictContentSecurityPolicyAndHaveNoInlineScriptOrStyle(LocalCluster cluster) {
        for (String page : PAGES) {
            Http.Response response = Http.getJson(cluster.b().uri(page));
            assertEquals(200, response.status(), page);
            String csp = response.header("Content-Security-Policy");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), page + ": " + csp);
            assertEquals("nosniff", response.header("X-Content-Type-Options"));
            assertEquals("DENY", response.header("X-Frame-Options"));
            assertFalse(INLINE_SCRIPT.matcher(response.text()).find(), page + " has an inline script");
            assertFalse(EVENT_HANDLER.matcher(response.text()).find(), page + " has an inline event handler");
            assertFalse(INLINE_STYLE.matcher(response.text()).find(), page + " has an inline style");
        }
    }
}
