package org.appcluster.support;

import jakarta.json.Json;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** A signed-in browser session against one node: its cookie, and the CSRF token it was given. */
public final class Session {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
    private final ServerNode node;
    private String csrfToken;

    private Session(ServerNode node) {
        this.node = node;
    }

    /** Signs in; the answer is returned whether or not it succeeded. */
    public static Session signIn(ServerNode node, String username, String password) {
        Session session = new Session(node);
        Http.Response response = session.send("POST", "/api/1/auth/signin",
                Json.createObjectBuilder().add("username", username).add("password", password).build().toString(), false);
        if (response.status() == 200) {
            session.csrfToken = response.body().getJsonObject("data").getString("csrfToken");
        }
        return session;
    }

    /** Signs in again in this session (as another user, or with a wrong password); returns the answer. */
    public Http.Response attemptSignIn(String username, String password) {
        return send("POST", "/api/1/auth/signin",
                Json.createObjectBuilder().add("username", username).add("password", password).build().toString(), false);
    }

    /** The session's cookies as a {@code Cookie} header, for a WebSocket handshake in this session. */
    public String cookieHeader() {
        CookieManager cookies = (CookieManager) client.cookieHandler().orElseThrow();
        return cookies.getCookieStore().get(node.uri("/")).stream().map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    public boolean signedIn() {
        return csrfToken != null;
    }

    public Http.Response get(String path) {
        return send("GET", path, null, false);
    }

    /** A state-changing request with the CSRF token, as the admin console sends it. */
    public Http.Response post(String path, String json) {
        return send("POST", path, json, true);
    }

    public Http.Response postWithoutCsrfToken(String path, String json) {
        return send("POST", path, json, false);
    }

    /** Any request, signed in and with the CSRF token: {@code request} names the method, headers and body. */
    public Http.Response send(String path, java.util.function.UnaryOperator<HttpRequest.Builder> request) {
        HttpRequest.Builder builder = request.apply(HttpRequest.newBuilder(node.uri(path)));
        if (csrfToken != null) {
            builder.setHeader("X-CSRF-Token", csrfToken);
        }
        return Http.send(client, builder);
    }

    private Http.Response send(String method, String path, String json, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (withToken && csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return Http.send(client, request);
    }
}
