package org.appcluster.broadcast.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.appcluster.broadcast.entity.Publication;
import org.appcluster.infra.ApiException;
import org.appcluster.infra.ApiResponses;
import org.appcluster.infra.JsonBodies;

/**
 * Publishing from a browser or any HTTP client, and the node's broadcast status. One instance
 * serves every request (the caller comes in as method parameters): creating and injecting a
 * request-scoped resource per publish cost a fifth of the request thread's CPU. A single publish
 * reaches this resource only with {@code broadcast.lean-publish=false}: by default
 * {@link LeanPublishFilter} answers it first.
 */
@Path("app-cluster/broadcast")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class BroadcastResource {

    private static final JsonProvider JSON = JsonProvider.provider();
    static final int MAX_BULK_MESSAGES = 1000;
    private static final int MAX_BULK_BYTES = 1 << 20;

    @Inject
    Broadcaster broadcaster;

    @Inject
    PublishRequests requests;

    /** One message: see {@link PublishRequests#publishOne}. */
    @POST
    @Path("{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject publish(@PathParam("channel") String channel, InputStream body, @Context HttpServletRequest request) {
        return requests.publishOne(channel, body, request);
    }

    /**
     * Many messages in one request, for servers that publish a lot: a JSON array of up to
     * {@value #MAX_BULK_MESSAGES} objects, each {@code {"channel","data","uuid"?,"omitSelf"?}} as
     * for one message. All are checked before any is published; they are handed to Redis
     * pipelined, in order. {@code localOnly} counts those only this node's subscribers got.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<JsonObject> publishAll(InputStream body, @Context HttpServletRequest request) {
        JsonArray items = JsonBodies.readArray(body, MAX_BULK_BYTES);
        if (items.isEmpty() || items.size() > MAX_BULK_MESSAGES) {
            throw new ApiException(400, "INVALID_DATA", "A bulk publish carries 1 to " + MAX_BULK_MESSAGES + " messages");
        }
        List<Publication> publications = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                publications.add(bulkItem(items.get(i), request));
            } catch (ApiException e) {
                throw new ApiException(e.status(), e.code(), "Message " + i + ": " + e.getMessage());
            }
        }
        return broadcaster.publishAll(publications).thenApply(localOnly -> ApiResponses.success(JSON.createObjectBuilder()
                        .add("count", publications.size())
                        .add("localOnly", localOnly)
                        .add("instanceId", broadcaster.instanceId())
                        .add("timestamp", Instant.now().toString())
                        .add("fallback", localOnly > 0)
                        .build(),
                localOnly == 0 ? publications.size() + " broadcasts published to all nodes"
                        : localOnly + " of " + publications.size() + " broadcasts delivered on this node only: Redis unavailable"));
    }

    private Publication bulkItem(JsonValue item, HttpServletRequest request) {
        if (item.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ApiException(400, "INVALID_DATA", "each message must be a JSON object");
        }
        if (item.toString().length() > JsonBodies.MAX_BODY_BYTES) {
            throw new ApiException(413, "PAYLOAD_TOO_LARGE", "a message exceeds " + JsonBodies.MAX_BODY_BYTES + " bytes");
        }
        JsonValue channel = item.asJsonObject().get("channel");
        if (channel == null || channel.getValueType() != JsonValue.ValueType.STRING) {
            throw new ApiException(400, "INVALID_CHANNEL_NAME", "Field 'channel' must be a channel name");
        }
        return requests.publication(PublishRequests.parseChannel(((JsonString) channel).getString()), item.asJsonObject(), request);
    }

    @GET
    @Path("status")
    public JsonObject status() {
        boolean available = broadcaster.isRedisAvailable();
        return ApiResponses.success(JSON.createObjectBuilder()
                .add("instanceId", broadcaster.instanceId())
                .add("redisAvailable", available)
                .add("redisMode", broadcaster.redisMode())
                .add("broadcastEnabled", available)
                .add("timestamp", Instant.now().toString())
                .build(), null);
    }
}
