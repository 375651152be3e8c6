package org.appcluster.support;

import jakarta.json.Json;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** A signed-in browser session against one node: its cookie, and the CSRF token it was given. */
public final class Session {

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
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

    private Http.Response send(String method, String path, String json, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (withToken && csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return Http.send(client, request);
    }
}
