package org.appcluster.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.appcluster.admin.control.ClusterView;
import org.appcluster.admin.control.RecentActivity;
import org.appcluster.admin.entity.Activity;
import org.appcluster.admin.entity.Member;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.broadcast.control.RedisBus;
import org.appcluster.infra.ApiResponses;
import org.appcluster.infra.MongoPing;

/** The admin console's data (admins only, by the web.xml constraint on /api/1/admin/*). */
@Path("admin/cluster")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class ClusterResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ClusterView view;

    @Inject
    RecentActivity activity;

    @Inject
    Broadcaster broadcaster;

    @Inject
    RedisBus bus;

    @Inject
    MongoPing mongo;

    @GET
    public JsonObject cluster() {
        JsonArrayBuilder members = JSON.createArrayBuilder();
        Map<String, Integer> channels = new TreeMap<>();
        for (Member member : view.members()) {
            members.add(JSON.createObjectBuilder(member.lastBeat())
                    .add("status", member.status())
                    .add("lastSeenMillisAgo", member.lastSeenMillisAgo())
                    .add("history", history(member)));
            if ("up".equals(member.status()) && member.lastBeat().containsKey("channels")) {
                member.lastBeat().getJsonObject("channels")
                        .forEach((pattern, count) -> channels.merge(pattern, Integer.parseInt(count.toString()), Integer::sum));
            }
        }
        JsonObjectBuilder channelCounts = JSON.createObjectBuilder();
        channels.forEach(channelCounts::add);
        JsonArrayBuilder recent = JSON.createArrayBuilder();
        for (Activity seen : activity.latest()) {
            recent.add(JSON.createObjectBuilder().add("channel", seen.channel())
                    .add("source", seen.sourceInstanceId()).add("at", seen.at()));
        }
        OptionalLong mongoPing = mongo.millis();
        return ApiResponses.success(JSON.createObjectBuilder()
                .add("self", broadcaster.instanceId())
                .add("instances", members)
                .add("channels", channelCounts)
                .add("redis", JSON.createObjectBuilder()
                        .add("mode", broadcaster.redisMode())
                        .add("available", bus.isAvailable())
                        .add("pingMillis", bus.pingMillis())
                        .add("reconnects", bus.reconnectCount()))
                .add("mongo", JSON.createObjectBuilder()
                        .add("available", mongoPing.isPresent())
                        .add("pingMillis", mongoPing.orElse(-1)))
                .add("recent", recent)
                .build(), null);
    }

    /** Column by column: {@code {"at":[…],"clients":[…],…}}, oldest beat first. */
    private static JsonObjectBuilder history(Member member) {
        JsonObjectBuilder columns = JSON.createObjectBuilder();
        for (String figure : Stream.concat(Stream.of("at"), ClusterView.CHARTED.stream()).toList()) {
            JsonArrayBuilder values = JSON.createArrayBuilder();
            member.history().forEach(beat -> values.add(beat.getOrDefault(figure, JsonValue.NULL)));
            columns.add(figure, values);
        }
        return columns;
    }
}
