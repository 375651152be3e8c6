package org.appcluster.broadcast.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.appcluster.broadcast.control.BroadcastDispatcher;
import org.appcluster.broadcast.control.CallbackRegistry;
import org.appcluster.broadcast.control.ChannelPolicy;
import org.appcluster.broadcast.control.ChannelHistory;
import org.appcluster.broadcast.control.EnvelopeCodec;
import org.appcluster.broadcast.control.HistoryStream;
import org.appcluster.broadcast.control.MessageIds;
import org.appcluster.broadcast.control.RedisBus;
import org.appcluster.broadcast.entity.BroadcastCallback;
import org.appcluster.broadcast.entity.Caller;
import org.appcluster.broadcast.entity.ChannelName;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.Publication;
import org.appcluster.infra.ClusterSettings;
import org.appcluster.infra.InstanceLogTag;
import org.appcluster.infra.JsonObjects;

/**
 * The server-side API applications inject: publish to every node, register callbacks, ask about
 * the cluster. Publishing never throws for a missing Redis; it delivers on this node and says so.
 */
@ApplicationScoped
public class Broadcaster {

    private static final JsonProvider JSON = JsonProvider.provider();
    private final LongAdder published = new LongAdder();
    private final LongAdder publishedLocally = new LongAdder();

    @Inject
    ClusterSettings settings;

    @Inject
    RedisBus bus;

    @Inject
    BroadcastDispatcher dispatcher;

    @Inject
    CallbackRegistry callbacks;

    @Inject
    EnvelopeCodec codec;

    @Inject
    ChannelHistory history;

    @Inject
    MessageIds ids;

    @Inject
    InstanceLogTag logTag;

    @Inject
    ChannelPolicy policy;

    /**
     * Before the application's other startup observers: on a Redis Cluster a callback subscribed
     * before the bus started would never get its shard (observers of one priority run in no set
     * order; the admin view's came first and heard no heartbeat).
     */
    void onStartup(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) Startup startup) {
        logTag.install();
        dispatcher.start();
        bus.start(dispatcher::acceptRemote);
    }

    @PreDestroy
    void shutdown() {
        bus.stop();
        dispatcher.stop();
    }

    /**
     * Publishes {@code data} (a {@link JsonObject} or anything JSON-B turns into a JSON object) on
     * any layer's channel.
     *
     * @return true when handed to Redis; false when Redis is unavailable and the message went to
     * this node's subscribers only
     */
    public boolean publish(String channel, Object data) {
        return publishFrom(null, channel, data);
    }

    /**
     * Publishes a change a browser caused: {@code senderUuid} (a client uuid the caller verified,
     * see {@code ClientTokens}, or null) is skipped by that client's {@code omitSelf}
     * subscriptions, and only that client's own frame names it.
     */
    public boolean publishFrom(String senderUuid, String channel, Object data) {
        return publishAsync(new Publication(ChannelName.parse(channel), JsonObjects.from(data), JsonValue.EMPTY_JSON_OBJECT,
                senderUuid, null)).toCompletableFuture().join();
    }

    /**
     * Publishes to one signed-in user: every socket of {@code username} subscribed to a matching
     * {@code view:} channel gets it, on every node, and no other socket does, whatever it
     * subscribed to (the seed's Pattern 4: one user's cart on all their devices). Server callbacks
     * still see it. Make such channels server-owned so pages cannot publish there for everyone.
     */
    public boolean publishToUser(String username, String senderUuid, String channel, Object data) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("publishToUser needs a username: signed-out clients have none");
        }
        return publishAsync(new Publication(ChannelName.parse(channel), JsonObjects.from(data), JsonValue.EMPTY_JSON_OBJECT,
                senderUuid, null, username)).toCompletableFuture().join();
    }

    /**
     * Publishes without waiting for Redis's answer: completes with true when Redis took the
     * message, false when only this node's subscribers got it. Never completes exceptionally for a
     * missing Redis. A {@code uuid} in the data is dropped: a client is named by
     * {@link Publication#senderUuid()} alone, and no other client ever sees it.
     */
    public CompletionStage<Boolean> publishAsync(Publication publication) {
        String channel = publication.channel().value();
        JsonObject data = publication.data();
        if (data.containsKey("uuid")) {
            data = JSON.createObjectBuilder(data).remove("uuid").build();
        }
        Envelope envelope = new Envelope(ids.next(), channel, data, settings.instanceId(), Instant.now().toString(),
                publication.ctx(), publication.excludeUuid(), publication.senderUuid(), null, null, publication.recipient());
        published.increment();
        Optional<HistoryStream> stream = history.streamOf(channel);
        CompletionStage<Boolean> sent = stream.isPresent()
                ? CompletableFuture.completedFuture(history.publish(stream.get(), channel, envelope))
                : bus.publishAsync(channel, codec.encode(envelope));
        return sent.thenApply(toRedis -> {
            if (!toRedis) {
                publishedLocally.increment();
                dispatcher.acceptLocal(envelope);
            }
            return toRedis;
        });
    }

    /**
     * Publishes many messages pipelined: each goes to Redis without waiting for the answer to the
     * one before, in order. Completes with how many went to this node's subscribers only.
     */
    public CompletionStage<Integer> publishAll(List<Publication> publications) {
        List<CompletableFuture<Boolean>> sent = publications.stream().map(p -> publishAsync(p).toCompletableFuture()).toList();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .thenApply(all -> (int) sent.stream().filter(toRedis -> !toRedis.join()).count());
    }

    /**
     * Calls {@code callback} for every message matching {@code pattern} (a channel, a prefix
     * ending in {@code :*}, or {@code *}), from any node. Own messages are skipped on
     * {@code controller:} and {@code model:} patterns and delivered on {@code view:} ones.
     *
     * @return closing it removes the callback
     */
    public AutoCloseable subscribe(String pattern, BroadcastCallback callback) {
        ChannelPattern parsed = ChannelPattern.parse(pattern);
        return subscribe(parsed, callback, parsed.omitsSelfByDefault());
    }

    public AutoCloseable subscribe(String pattern, BroadcastCallback callback, boolean omitSelf) {
        return subscribe(ChannelPattern.parse(pattern), callback, omitSelf);
    }

    /**
     * Calls {@code callback} for matching messages this node receives anyway, for its other
     * subscribers, without subscribing to more. With one Redis that is every message; on a Redis
     * Cluster only the shards this node's clients and callbacks need. For monitoring, which must
     * not make every node take every shard.
     */
    public AutoCloseable observe(String pattern, BroadcastCallback callback) {
        return callbacks.register(ChannelPattern.parse(pattern), callback, false);
    }

    private AutoCloseable subscribe(ChannelPattern pattern, BroadcastCallback callback, boolean omitSelf) {
        AutoCloseable registration = callbacks.register(pattern, callback, omitSelf);
        bus.acquire(pattern);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                registration.close();
                bus.release(pattern);
            }
        };
    }

    /**
     * Declares {@code view:} channels of the application that browsers may subscribe to but not
     * publish on: {@link Caller#SERVER} lets only server code publish there, {@link Caller#ADMIN}
     * administrators over REST too. Call it at startup on every node, or list the patterns in
     * {@code channels.server-owned} / {@code channels.admin-owned}.
     */
    public void ownChannels(String pattern, Caller publisher) {
        policy.own(pattern, publisher);
    }

    /** Messages published on this node since it started, and how many of them stayed local. */
    public long publishedCount() {
        return published.sum();
    }

    public long publishedLocallyCount() {
        return publishedLocally.sum();
    }

    public boolean isRedisAvailable() {
        return bus.isAvailable();
    }

    public String instanceId() {
        return settings.instanceId();
    }

    public String redisMode() {
        return settings.redisMode();
    }
}
