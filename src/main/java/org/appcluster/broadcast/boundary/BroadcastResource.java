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
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.appcluster.broadcast.control.ChannelPolicy;
import org.appcluster.broadcast.control.PublishRateLimiter;
import org.appcluster.broadcast.entity.Caller;
import org.appcluster.broadcast.entity.ChannelName;
import org.appcluster.broadcast.entity.ForbiddenChannelException;
import org.appcluster.broadcast.entity.InvalidChannelException;
import org.appcluster.broadcast.entity.Publication;
import org.appcluster.infra.ApiException;
import org.appcluster.infra.ApiResponses;
import org.appcluster.infra.ClientAddress;
import org.appcluster.infra.JsonBodies;
import org.appcluster.security.control.ClientTokens;

/**
 * Publishing from a browser or any HTTP client, and the node's broadcast status. One instance
 * serves every request (the caller comes in as method parameters): creating and injecting a
 * request-scoped resource per publish cost a fifth of the request thread's CPU.
 */
@Path("app-cluster/broadcast")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class BroadcastResource {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern CLIENT_UUID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final int MAX_BULK_MESSAGES = 1000;
    private static final int MAX_BULK_BYTES = 1 << 20;

    @Inject
    Broadcaster broadcaster;

    @Inject
    PublishRateLimiter rateLimiter;

    @Inject
    ChannelPolicy policy;

    @Inject
    ClientTokens clientTokens;

    @Inject
    ClientAddress clientAddress;

    /**
     * Body {@code {"data":{…},"uuid":"<optional>","omitSelf":<optional>}}. A uuid counts only with
     * the token its socket got ({@value ClientTokens#HEADER}); then the sender's own
     * {@code omitSelf} subscriptions skip the message, {@code omitSelf:true} keeps it from that
     * client whatever it subscribed with, and no other subscriber learns the uuid. A uuid without
     * its token is ignored. The answer comes once Redis took the message (at most its command
     * timeout, 2 s): the request thread waits for it, since resuming a suspended request from
     * Redis's I/O thread cost Payara more CPU than the wait (a sixth of a node's CPU at 200
     * publishes a second).
     */
    @POST
    @Path("{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject publish(@PathParam("channel") String channel, InputStream body,
                              @Context SecurityContext security, @Context HttpServletRequest request) {
        ChannelName name = parseChannel(channel);
        Publication publication = publication(name, JsonBodies.readObject(body), security, request);
        boolean published = broadcaster.publishAsync(publication).toCompletableFuture().join();
        return ApiResponses.success(JSON.createObjectBuilder()
                .add("channel", name.value())
                .add("instanceId", broadcaster.instanceId())
                .add("timestamp", Instant.now().toString())
                .add("fallback", !published)
                .build(), published ? "Broadcast published to all nodes on " + name.value()
                : "Redis unavailable: broadcast delivered on this node only");
    }

    /**
     * Many messages in one request, for servers that publish a lot: a JSON array of up to
     * {@value #MAX_BULK_MESSAGES} objects, each {@code {"channel","data","uuid"?,"omitSelf"?}} as
     * for one message. All are checked before any is published; they are handed to Redis
     * pipelined, in order. {@code localOnly} counts those only this node's subscribers got.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<JsonObject> publishAll(InputStream body, @Context SecurityContext security,
                                                  @Context HttpServletRequest request) {
        JsonArray items = JsonBodies.readArray(body, MAX_BULK_BYTES);
        if (items.isEmpty() || items.size() > MAX_BULK_MESSAGES) {
            throw new ApiException(400, "INVALID_DATA", "A bulk publish carries 1 to " + MAX_BULK_MESSAGES + " messages");
        }
        List<Publication> publications = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                publications.add(bulkItem(items.get(i), security, request));
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

    private Publication bulkItem(JsonValue item, SecurityContext security, HttpServletRequest request) {
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
        return publication(parseChannel(((JsonString) channel).getString()), item.asJsonObject(), security, request);
    }

    /** Checks one message as the caller may send it, and counts it against the rate limits. */
    private Publication publication(ChannelName name, JsonObject message, SecurityContext security, HttpServletRequest request) {
        try {
            policy.checkPublish(name, security.isUserInRole("admin") ? Caller.ADMIN : Caller.BROWSER);
        } catch (ForbiddenChannelException e) {
            throw new ApiException(403, "FORBIDDEN_CHANNEL", e.getMessage());
        }
        JsonValue data = message.get("data");
        if (data == null || data.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ApiException(400, "INVALID_DATA", "Field 'data' must be a JSON object");
        }
        String claimed = claimedUuid(message.get("uuid"));
        String sender = clientTokens.verified(claimed, request.getHeader(ClientTokens.HEADER));
        String excluded = excludedUuid(message, claimed, sender);
        if (!rateLimiter.allow(clientAddress.of(request), sender)) {
            throw new ApiException(429, "RATE_LIMIT_EXCEEDED", "Too many broadcasts: at most "
                    + PublishRateLimiter.PER_CLIENT_PER_SECOND + " per second per client");
        }
        return new Publication(name, data.asJsonObject(), publisherCtx(security), sender, excluded);
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

    private static ChannelName parseChannel(String channel) {
        try {
            return ChannelName.parse(channel);
        } catch (InvalidChannelException e) {
            throw new ApiException(400, "INVALID_CHANNEL_NAME", e.getMessage()
                    + " (expected <model|view|controller>:<component>:<domain>:<action>)");
        }
    }

    private static String claimedUuid(JsonValue uuid) {
        if (uuid == null || uuid == JsonValue.NULL) {
            return null;
        }
        if (uuid.getValueType() != JsonValue.ValueType.STRING || !CLIENT_UUID.matcher(((JsonString) uuid).getString()).matches()) {
            throw new ApiException(400, "INVALID_UUID", "Field 'uuid' must be a client id of 1-64 letters, digits, '-' or '_'");
        }
        return ((JsonString) uuid).getString();
    }

    /** The client to leave out: the verified sender, when it asked; an unproven uuid is not honoured. */
    private static String excludedUuid(JsonObject message, String claimed, String sender) {
        JsonValue omitSelf = message.get("omitSelf");
        if (omitSelf == null || omitSelf == JsonValue.NULL || omitSelf == JsonValue.FALSE) {
            return null;
        }
        if (omitSelf != JsonValue.TRUE) {
            throw new ApiException(400, "INVALID_DATA", "Field 'omitSelf' must be true or false");
        }
        if (claimed == null) {
            throw new ApiException(400, "INVALID_UUID", "omitSelf needs the sender's 'uuid'");
        }
        return sender;
    }

    private static JsonObject publisherCtx(SecurityContext security) {
        if (security.getUserPrincipal() == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return JSON.createObjectBuilder().add("username", security.getUserPrincipal().getName()).build();
    }
}
