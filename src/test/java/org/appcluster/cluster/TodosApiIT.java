package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The collaborative to-do REST API on real nodes sharing one MongoDB and one Redis. */
@ExtendWith(LocalCluster.Extension.class)
class TodosApiIT {

    private static Http.Response call(String method, URI uri, String body) {
        return Http.request(method, uri, body);
    }

    private static URI todos(ServerNode node, String path) {
        return node.uri("/api/1/helloClusterTodo" + path);
    }

    @Test
    void aTodoWrittenOnOneNodeIsStoredForAllAndAnnouncedWithWhoAndWhat(LocalCluster cluster) {
        String title = "Ship it " + UUID.randomUUID().toString().substring(0, 6);
        try (SocketClient listener = SocketClient.connect(cluster.b(), null)) {
            listener.subscribe("view:helloClusterTodo:*", false);

            Http.Response created = call("POST", todos(cluster.a(), ""), "{\"title\":\"  " + title + "  \",\"user\":\"Jane\",\"uuid\":\"tab-7\"}");
            assertEquals(200, created.status(), created.text());
            JsonObject item = created.body().getJsonObject("item");
            assertEquals(title, item.getString("title"), "stored trimmed");
            assertEquals("Jane", item.getString("createdBy"));
            assertFalse(item.getBoolean("done"));

            JsonObject announced = listener.nextBroadcast();
            assertEquals("view:helloClusterTodo:list:changed", announced.getString("channel"));
            JsonObject payload = announced.getJsonObject("data");
            assertEquals("created", payload.getString("action"));
            assertEquals(item.getString("id"), payload.getJsonObject("todo").getString("id"));
            assertEquals("Jane", payload.getString("user"));
            assertFalse(payload.containsKey("uuid"), "a uuid without its token is not honoured, and no subscriber sees one");
            assertTrue(payload.containsKey("timestamp"));

            String id = item.getString("id");
            assertTrue(call("GET", todos(cluster.b(), ""), null).body().getJsonArray("data").stream()
                    .anyMatch(todo -> todo.asJsonObject().getString("id").equals(id)), "node B reads what node A stored");

            Http.Response toggled = call("PUT", todos(cluster.b(), "/" + id + "/toggle"), "{\"user\":\"Bob\"}");
            assertTrue(toggled.body().getJsonObject("item").getBoolean("done"));
            JsonObject update = listener.nextBroadcast();
            assertEquals("view:helloClusterTodo:item:updated", update.getString("channel"));
            assertEquals("toggled", update.getJsonObject("data").getString("action"));
            assertEquals("Bob", update.getJsonObject("data").getString("user"));

            assertEquals(200, call("DELETE", todos(cluster.a(), "/" + id), null).status());
            assertEquals("deleted", listener.nextBroadcast().getJsonObject("data").getString("action"));
        }
    }

    @Test
    void statsCountTheStoredList(LocalCluster cluster) {
        JsonObject before = call("GET", todos(cluster.a(), "/stats"), null).body().getJsonObject("data");
        String id = call("POST", todos(cluster.a(), ""), "{\"title\":\"count me\"}").body().getJsonObject("item").getString("id");
        call("PUT", todos(cluster.a(), "/" + id + "/toggle"), null);
        JsonObject after = call("GET", todos(cluster.b(), "/stats"), null).body().getJsonObject("data");
        assertEquals(before.getInt("total") + 1, after.getInt("total"));
        assertEquals(before.getInt("done") + 1, after.getInt("done"));
        assertEquals(after.getInt("total") - after.getInt("done"), after.getInt("open"));
        call("DELETE", todos(cluster.a(), "/" + id), null);
    }

    @Test
    void badInputGets400AndUnknownIds404AndNothingIsBroadcast(LocalCluster cluster) {
        try (SocketClient listener = SocketClient.connect(cluster.a(), null)) {
            listener.subscribe("view:helloClusterTodo:*", false);
            assertError(call("POST", todos(cluster.a(), ""), "{\"title\":\"   \"}"), 400, "VALIDATION_ERROR");
            assertError(call("POST", todos(cluster.a(), ""), "{}"), 400, "VALIDATION_ERROR");
            assertError(call("POST", todos(cluster.a(), ""), "{\"title\":\"" + "x".repeat(201) + "\"}"), 400, "VALIDATION_ERROR");
            assertError(call("POST", todos(cluster.a(), ""), "{\"title\":"), 400, "INVALID_JSON");
            assertError(call("PUT", todos(cluster.a(), "/000000000000000000000000/toggle"), null), 404, "NOT_FOUND");
            assertError(call("PUT", todos(cluster.a(), "/not-an-id/toggle"), null), 404, "NOT_FOUND");
            assertError(call("DELETE", todos(cluster.a(), "/000000000000000000000000"), null), 404, "NOT_FOUND");

            String exactly200 = "y".repeat(200);
            Http.Response created = call("POST", todos(cluster.a(), ""), "{\"title\":\" " + exactly200 + " \"}");
            assertEquals(200, created.status(), created.text());
            // None of the refused requests broadcast anything: the first broadcast is this one.
            assertEquals(exactly200, listener.nextBroadcast().getJsonObject("data").getJsonObject("todo").getString("title"));
            call("DELETE", todos(cluster.a(), "/" + created.body().getJsonObject("item").getString("id")), null);
        }
    }

    private static void assertError(Http.Response response, int status, String code) {
        assertEquals(status, response.status(), response.text());
        assertEquals(false, response.body().getBoolean("success"));
        assertEquals(code, response.body().getString("code"), response.text());
    }

    @Test
    void aScriptHammeringTheListIsSlowedWithA429Json(LocalCluster cluster) {
        // A client of its own behind the trusted proxy (the test nodes trust 127.0.0.1), so the
        // other tests' writes from 127.0.0.1 are not slowed.
        URI missing = todos(cluster.b(), "/000000000000000000000000/toggle");
        HttpClient http = HttpClient.newHttpClient();
        Http.Response limited = null;
        for (int i = 0; i < 200 && (limited == null || limited.status() != 429); i++) {
            limited = Http.send(http, HttpRequest.newBuilder(missing).header("X-Forwarded-For", "203.0.113.77")
                    .PUT(HttpRequest.BodyPublishers.noBody()));
        }
        assertEquals(429, limited.status(), limited.text());
        assertEquals("RATE_LIMIT_EXCEEDED", limited.body().getString("code"));
        assertEquals("1", limited.header("Retry-After"));
        assertEquals(404, call("PUT", missing, null).status(), "another client is not slowed");
    }
}
