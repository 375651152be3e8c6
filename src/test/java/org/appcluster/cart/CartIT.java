package org.appcluster.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.Session;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pattern 4 with per-user delivery: a user's cart reaches that user's pages on both nodes and no
 * other user's, even pages subscribed to the very same channel.
 */
@ExtendWith(LocalCluster.Extension.class)
class CartIT {

    private static final String CHANNEL = "view:cart:items:changed";
    private static final String MARKER = "view:cartTest:marker:sent";

    private static Http.Response putCart(Session session, String... items) {
        String body = Json.createObjectBuilder().add("items", Json.createArrayBuilder(java.util.List.of(items))).build().toString();
        return session.send("/api/1/cart", request -> request.header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aCartReachesItsUsersPagesOnBothNodesAndNobodyElses(LocalCluster cluster) {
        Session viewerOnA = Session.signIn(cluster.a(), LocalCluster.USER, LocalCluster.USER_PASSWORD);
        Session viewerOnB = Session.signIn(cluster.b(), LocalCluster.USER, LocalCluster.USER_PASSWORD);
        Session ops = cluster.signInAsAdmin(cluster.b());
        try (SocketClient phone = SocketClient.connect(viewerOnA, cluster.a());
             SocketClient laptop = SocketClient.connect(viewerOnB, cluster.b());
             SocketClient otherUser = SocketClient.connect(ops, cluster.b());
             SocketClient anonymous = SocketClient.connect(cluster.a(), null)) {
            for (SocketClient page : new SocketClient[] {phone, laptop, otherUser, anonymous}) {
                page.subscribe(CHANNEL, false);
                page.subscribe(MARKER, false);
            }
            String item = "tea " + UUID.randomUUID().toString().substring(0, 6);
            Http.Response saved = putCart(viewerOnA, item, "cups");
            assertEquals(200, saved.status(), saved.text());
            for (SocketClient device : new SocketClient[] {phone, laptop}) {
                JsonObject cart = device.nextBroadcast().getJsonObject("data");
                assertEquals(Json.createArrayBuilder().add(item).add("cups").build(), cart.getJsonArray("items"));
            }
            assertEquals(200, Http.postJson(cluster.a().uri("/api/1/app-cluster/broadcast/" + MARKER), "{\"data\":{\"n\":1}}").status());
            for (SocketClient stranger : new SocketClient[] {otherUser, anonymous}) {
                JsonObject next = stranger.nextBroadcast();
                assertEquals(MARKER, next.getString("channel"), "another user's page got no cart: " + next);
            }
            assertEquals(Json.createArrayBuilder().add(item).add("cups").build(),
                    viewerOnB.get("/api/1/cart").body().getJsonObject("data").getJsonArray("items"));
            assertEquals(0, ops.get("/api/1/cart").body().getJsonObject("data").getJsonArray("items").size());
        }
        assertEquals(401, Http.getJson(cluster.a().uri("/api/1/cart")).status());
        assertEquals(400, putCart(viewerOnA, "x".repeat(101)).status());
        Http.Response forged = Http.postJson(cluster.a().uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":{\"items\":[\"spam\"]}}");
        assertEquals(403, forged.status(), "pages cannot publish on the cart channel: " + forged.text());
    }
}
