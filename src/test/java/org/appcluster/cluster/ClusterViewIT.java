package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.Session;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin console's view of the cluster: nodes join, leave, and die, and everyone sees it. */
@ExtendWith(LocalCluster.Extension.class)
class ClusterViewIT {

    private static final Duration BEATS = Duration.ofSeconds(15);

    private static Optional<JsonObject> member(Session admin, String instanceId) {
        return admin.get("/api/1/admin/cluster").body().getJsonObject("data").getJsonArray("instances").stream()
                .map(v -> v.asJsonObject()).filter(m -> m.getString("instanceId").equals(instanceId)).findFirst();
    }

    private static String status(Session admin, String instanceId) {
        return member(admin, instanceId).map(m -> m.getString("status")).orElse("absent");
    }

    @Test
    void nodesAreSeenJoiningLeavingAndDying(LocalCluster cluster) {
        Session admin = cluster.signInAsAdmin(cluster.a());
        Waits.until("nodes a and b up in a's view", BEATS,
                () -> status(admin, "node-a").equals("up") && status(admin, "node-b").equals("up"));
        JsonObject data = admin.get("/api/1/admin/cluster").body().getJsonObject("data");
        assertTrue(data.getJsonObject("redis").getBoolean("available"));
        assertTrue(data.getJsonObject("mongo").getBoolean("available"));

        ServerNode extra = cluster.launchExtraNode("node-c");
        try {
            Waits.until("node c joins", BEATS, () -> status(admin, "node-c").equals("up"));
            try (SocketClient client = SocketClient.connect(extra, null)) {
                client.subscribe("view:clusterViewTest:item:changed", false);
                Waits.until("node c's subscriber counted", BEATS, () -> admin.get("/api/1/admin/cluster").body()
                        .getJsonObject("data").getJsonObject("channels").getInt("view:clusterViewTest:item:changed", 0) == 1);
                assertEquals(1, member(admin, "node-c").orElseThrow().getInt("clients"));
            }
            extra.close();
            Waits.until("node c, shut down, shown as left", BEATS, () -> status(admin, "node-c").equals("left"));

            extra.restart();
            Waits.until("node c back up", BEATS, () -> status(admin, "node-c").equals("up"));
            extra.kill();
            Waits.until("node c, killed, shown as gone after three missed beats", BEATS, () -> status(admin, "node-c").equals("gone"));
        } finally {
            extra.close();
        }
        assertEquals("up", status(admin, "node-b"));
    }

    @Test
    void onlyAdminsMayReadIt(LocalCluster cluster) {
        Session viewer = Session.signIn(cluster.a(), LocalCluster.USER, LocalCluster.USER_PASSWORD);
        assertEquals(403, viewer.get("/api/1/admin/cluster").status());
    }
}
