package org.appcluster.broadcast.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.time.Instant;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A publish request from a browser or any HTTP client, checked and counted as its caller may send
 * it: the one place both ways in ({@link LeanPublishFilter} and {@link BroadcastResource}) share.
 */
@ApplicationScoped
public class PublishRequests {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern CLIENT_UUID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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

    @Inject
    @ConfigProperty(name = "broadcast.lean-publish", defaultValue = "true")
    boolean lean = true;

    /** Whether {@link LeanPublishFilter} answers single publishes, or leaves them to JAX-RS. */
    boolean lean() {
        return lean;
    }

    /**
     * Publishes one message, body {@code {"data":{…},"uuid":"<optional>","omitSelf":<optional>}},
     * and answers once Redis took it (at most its command timeout, 2 s): the request thread waits,
     * since resuming a suspended request from Redis's I/O thread cost Payara more CPU than the
     * wait (a sixth of a node's CPU at 200 publishes a second).
     */
    public JsonObject publishOne(String channel, InputStream body, HttpServletRequest request) {
        ChannelName name = parseChannel(channel);
        Publication publication = publication(name, JsonBodies.readObject(body), request);
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
     * Checks one message and counts it against the rate limits. A uuid counts only with the token
     * its socket got ({@value ClientTokens#HEADER}); then the sender's own {@code omitSelf}
     * subscriptions skip the message, {@code omitSelf:true} keeps it from that client whatever it
     * subscribed with, and no other subscriber learns the uuid. A uuid without its token is ignored.
     */
    Publication publication(ChannelName name, JsonObject message, HttpServletRequest request) {
        try {
            policy.checkPublish(name, request.isUserInRole("admin") ? Caller.ADMIN : Caller.BROWSER);
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
        return new Publication(name, data.asJsonObject(), publisherCtx(request), sender, excluded);
    }

    static ChannelName parseChannel(String channel) {
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

    private static JsonObject publisherCtx(HttpServletRequest request) {
        if (request.getUserPrincipal() == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return JSON.createObjectBuilder().add("username", request.getUserPrincipal().getName()).build();
    }
}
