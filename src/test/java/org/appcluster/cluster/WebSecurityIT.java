package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
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
