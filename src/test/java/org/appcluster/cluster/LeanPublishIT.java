package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A single REST publish is answered by the lean servlet filter by default and by the JAX-RS
 * resource with {@code broadcast.lean-publish=false}: both deliver across nodes, honour omitSelf,
 * and refuse every bad request with the same status, headers and body.
 */
@ExtendWith(LocalCluster.Extension.class)
class LeanPublishIT {

    private static final String CHANNEL = "view:leanPublishTest:message:sent";

    @Test
    void bothWaysInPublishAndRefuseAlike(LocalCluster cluster) {
        try (ServerNode viaJaxRs = cluster.launchExtraNode("node-jaxrs", Map.of("broadcast.lean-publish", "false"));
             SocketClient subscriber = SocketClient.connect(cluster.b(), null);
             SocketClient sender = SocketClient.connect(cluster.b(), null)) {
            subscriber.subscribe(CHANNEL, false);
            sender.subscribe(CHANNEL, true);
            for (ServerNode node : List.of(cluster.a(), viaJaxRs)) {
                Http.Response published = Http.postJson(publishUri(node, CHANNEL), "{\"data\":{\"via\":\"" + node.name() + "\"},\"uuid\":\""
                        + sender.clientId() + "\"}", "X-Client-Token", sender.clientToken());
                assertEquals(200, published.status(), published.text());
                assertEquals(CHANNEL, published.body().getJsonObject("data").getString("channel"));
                assertFalse(published.body().getJsonObject("data").getBoolean("fallback"));
                assertEquals("nosniff", published.header("X-Content-Type-Options"));
                assertEquals(node.name(), subscriber.nextBroadcast().getJsonObject("data").getString("via"), "delivered on another node");
            }
            Http.postJson(publishUri(cluster.a(), CHANNEL), "{\"data\":{\"via\":\"nobody's socket\"}}");
            assertEquals("nobody's socket", sender.nextBroadcast().getJsonObject("data").getString("via"),
                    "the sender's omitSelf subscription skipped its own two publishes");

            String huge = "{\"data\":{\"text\":\"" + "x".repeat(70_000) + "\"}}";
            for (String[] request : new String[][] {
                    {"view:bad", "{\"data\":{}}"},
                    {"controller:leanPublishTest:message:sent", "{\"data\":{}}"},
                    {CHANNEL, "{\"data\":[1]}"},
                    {CHANNEL, "{\"data\":"},
                    {CHANNEL, ""},
                    {CHANNEL, "[]"},
                    {CHANNEL, "{\"data\":{},\"uuid\":7}"},
                    {CHANNEL, "{\"data\":{},\"omitSelf\":\"yes\"}"},
                    {CHANNEL, "{\"data\":{},\"omitSelf\":true}"},
                    {CHANNEL, huge}}) {
                Http.Response lean = Http.postJson(publishUri(cluster.a(), request[0]), request[1]);
                Http.Response jaxRs = Http.postJson(publishUri(viaJaxRs, request[0]), request[1]);
                String what = request[0] + " " + request[1].substring(0, Math.min(40, request[1].length()));
                assertTrue(lean.status() >= 400 && lean.status() < 500, what + ": " + lean.text());
                assertEquals(jaxRs.status(), lean.status(), what);
                assertEquals(jaxRs.body(), lean.body(), what);
                assertTrue(lean.contentType().startsWith("application/json"), what + ": " + lean.contentType());
                assertEquals(jaxRs.header("X-Content-Type-Options"), lean.header("X-Content-Type-Options"), what);
            }
            Http.Response leanNotAcceptable = Http.postJson(publishUri(cluster.a(), CHANNEL), "{\"data\":{}}", "Accept", "text/plain");
            Http.Response jaxRsNotAcceptable = Http.postJson(publishUri(viaJaxRs, CHANNEL), "{\"data\":{}}", "Accept", "text/plain");
            assertEquals(406, jaxRsNotAcceptable.status(), jaxRsNotAcceptable.text());
            assertEquals(jaxRsNotAcceptable.status(), leanNotAcceptable.status(), "an Accept without JSON");
            assertEquals(jaxRsNotAcceptable.body(), leanNotAcceptable.body());
            for (ServerNode node : List.of(cluster.a(), viaJaxRs)) {
                Http.Response plainText = Http.send(java.net.http.HttpClient.newHttpClient(), HttpRequest.newBuilder(publishUri(node, CHANNEL))
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"data\":{}}")));
                assertEquals(415, plainText.status(), node.name() + ": " + plainText.text());
                assertEquals("UNSUPPORTED_MEDIA_TYPE", plainText.body().getString("code"));
            }
        }
    }

    private static URI publishUri(ServerNode node, String channel) {
        return node.uri("/api/1/app-cluster/broadcast/" + channel);
    }
}
