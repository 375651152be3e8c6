package org.appcluster.namespaces.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.appcluster.admin.control.ClusterView;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.broadcast.entity.ChannelName;
import org.appcluster.broadcast.entity.Publication;
import org.appcluster.infra.ClusterSettings;
import org.appcluster.namespaces.entity.NamespaceReply;

/**
 * Carries namespace messages between nodes on the Redis bus, on the server-only channels
 * {@code controller:ws:namespace:<action>}: every node, the sending one included, gets each
 * message once (through Redis, or on this node alone when Redis is away) and delivers it to its
 * own sockets. A server request's answer goes back to the node that asked; so does the word of
 * each node that does not hold the client, and once every node up has said so the request ends
 * with {@code NOT_CONNECTED} instead of waiting out its timeout (see {@link #absent}).
 */
@ApplicationScoped
public class NamespaceRouter {

    static final String CHANNEL_PREFIX = "controller:ws:namespace:";
    /** A node silent for less than this may be cut off for a moment (a Redis failover), not gone. */
    static final Duration RECENTLY_SILENT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(NamespaceRouter.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Broadcaster broadcaster;

    @Inject
    NamespaceSockets sockets;

    @Inject
    ClusterView cluster;

    @Inject
    ClusterSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, PendingRequest> pending = new ConcurrentHashMap<>();
    private AutoCloseable subscription;

    void onStartup(@Observes Startup startup) {
        subscription = broadcaster.subscribe(CHANNEL_PREFIX + "*", (channel, data, source) -> route(channel, data), false);
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.fine(() -> "Closing the namespace subscription failed: " + e);
            }
        }
        pending.values().forEach(request -> request.reply().complete(NamespaceReply.failed("CONNECTION_LOST", "The node is shutting down")));
    }

    public void broadcast(String path, JsonObject data, String senderUsername) {
        publish("broadcast", JSON.createObjectBuilder().add("path", path).add("data", data).add("sender", senderUsername));
    }

    public void sendToClient(String path, String clientId, JsonObject data) {
        publish("client", JSON.createObjectBuilder().add("path", path).add("clientId", clientId).add("data", data));
    }

    public void sendToUser(String path, String username, JsonObject data) {
        publish("user", JSON.createObjectBuilder().add("path", path).add("username", username).add("data", data));
    }

    public CompletionStage<NamespaceReply> request(String path, String clientId, JsonObject data, Duration timeout) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<NamespaceReply> reply = new CompletableFuture<>();
        pending.put(requestId, new PendingRequest(reply, ConcurrentHashMap.newKeySet()));
        ScheduledFuture<?> timer = scheduler.schedule(() -> reply.complete(NamespaceReply.failed("REQUEST_TIMEOUT",
                "No answer within " + timeout.toMillis() + " ms")), timeout.toMillis(), TimeUnit.MILLISECONDS);
        reply.whenComplete((answer, failure) -> {
            pending.remove(requestId);
            timer.cancel(false);
        });
        publish("request", JSON.createObjectBuilder().add("path", path).add("clientId", clientId).add("data", data)
                .add("requestId", requestId).add("origin", broadcaster.instanceId()));
        return reply;
    }

    /** A client on this node answered a server request of node {@code origin}. */
    void replied(String origin, String requestId, NamespaceReply reply) {
        if (origin.equals(broadcaster.instanceId())) {
            complete(requestId, reply);
            return;
        }
        JsonObjectBuilder answer = JSON.createObjectBuilder().add("success", reply.success()).add("data", reply.data());
        if (!reply.success()) {
            answer.add("error", reply.error()).add("code", reply.code());
        }
        publish("reply", JSON.createObjectBuilder().add("origin", origin).add("requestId", requestId).add("reply", answer));
    }

    private void complete(String requestId, NamespaceReply reply) {
        PendingRequest waiting = pending.get(requestId);
        if (waiting != null) {
            waiting.reply().complete(reply);
        }
    }

    /**
     * Node {@code node} holds no socket of the client a request of this node was for. Only a
     * cluster view this node can trust ends the wait: Redis there (or never configured: one node
     * alone), this node's own heartbeat heard, and no node fallen silent so recently that it may
     * yet answer.
     */
    private void absent(String requestId, String node) {
        PendingRequest waiting = pending.get(requestId);
        if (waiting == null) {
            return;
        }
        waiting.absentOn().add(node);
        if (settings.redisConfigured() && !broadcaster.isRedisAvailable()) {
            return;
        }
        Optional<Set<String>> up = cluster.settledUp(RECENTLY_SILENT);
        if (up.isPresent() && up.get().contains(broadcaster.instanceId()) && waiting.absentOn().containsAll(up.get())) {
            waiting.reply().complete(NamespaceReply.failed("NOT_CONNECTED", "The client is connected to no node"));
        }
    }

    private void notHere(String origin, String requestId) {
        if (origin.equals(broadcaster.instanceId())) {
            absent(requestId, origin);
        } else {
            publish("absent", JSON.createObjectBuilder().add("origin", origin).add("requestId", requestId).add("node", broadcaster.instanceId()));
        }
    }

    /** Never waits for Redis: it may run on the dispatcher thread (an answer refused there) or a socket's. */
    private void publish(String action, JsonObjectBuilder message) {
        broadcaster.publishAsync(new Publication(ChannelName.parse(CHANNEL_PREFIX + action), message.build(),
                JsonValue.EMPTY_JSON_OBJECT, null, null));
    }

    /** Runs on the node's dispatcher thread for each namespace message from any node. */
    private void route(String channel, JsonObject message) {
        String action = channel.substring(CHANNEL_PREFIX.length());
        String path = message.getString("path", "");
        switch (action) {
            case "broadcast" -> sockets.deliver(path, client -> true,
                    NamespaceFrames.message(message.getJsonObject("data"), message.getString("sender", ""), null));
            case "client" -> {
                String clientId = message.getString("clientId");
                sockets.deliver(path, client -> client.clientId().equals(clientId), NamespaceFrames.message(message.getJsonObject("data"), "", null));
            }
            case "user" -> {
                String username = message.getString("username");
                sockets.deliver(path, client -> client.username().equals(username), NamespaceFrames.message(message.getJsonObject("data"), "", null));
            }
            case "request" -> {
                String requestId = message.getString("requestId");
                String origin = message.getString("origin");
                boolean held = sockets.request(path, message.getString("clientId"),
                        NamespaceFrames.message(message.getJsonObject("data"), "", requestId), requestId, origin);
                if (!held) {
                    notHere(origin, requestId);
                }
            }
            case "absent" -> {
                if (message.getString("origin").equals(broadcaster.instanceId())) {
                    absent(message.getString("requestId"), message.getString("node"));
                }
            }
            case "reply" -> {
                if (message.getString("origin").equals(broadcaster.instanceId())) {
                    JsonObject answer = message.getJsonObject("reply");
                    complete(message.getString("requestId"), answer.getBoolean("success")
                            ? NamespaceReply.of(answer.getJsonObject("data"))
                            : NamespaceReply.failed(answer.getString("code"), answer.getString("error")));
                }
            }
            default -> LOG.warning(() -> "Unknown namespace message " + channel + " ignored");
        }
    }

    /** A server request waiting for its answer, and the nodes that said its client is not theirs. */
    private record PendingRequest(CompletableFuture<NamespaceReply> reply, Set<String> absentOn) {
    }
}
