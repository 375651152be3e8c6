package org.appcluster.broadcast.control;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.HistoryPosition;
import org.appcluster.infra.ClusterSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Channel history in Redis: for channels matching {@code history.channels}, each broadcast is
 * numbered, stored in a bounded stream and published by one script, so a client that reconnects
 * can be given exactly what it missed, or be told plainly that it cannot.
 */
@ApplicationScoped
public class ChannelHistory {

    private static final Logger LOG = Logger.getLogger(ChannelHistory.class.getName());
    private static final String PRELUDE = HistoryScript.text("history-prelude.lua");
    private static final HistoryScript PUBLISH = HistoryScript.of(PRELUDE + HistoryScript.text("history-publish.lua"));
    private static final HistoryScript READ = HistoryScript.of(PRELUDE + HistoryScript.text("history-read.lua"));
    private static final HistoryScript RESTART = HistoryScript.of(HistoryScript.text("history-restart.lua"));

    @Inject
    RedisBus bus;

    @Inject
    ClusterSettings settings;

    @Inject
    EnvelopeCodec codec;

    @Inject
    @ConfigProperty(name = "history.channels")
    Optional<String> patterns = Optional.empty();

    @Inject
    @ConfigProperty(name = "history.max-length", defaultValue = "100")
    int maxLength = 100;

    @Inject
    @ConfigProperty(name = "history.ttl-seconds", defaultValue = "300")
    int ttlSeconds = 300;

    private List<HistoryStream> streams = List.of();
    /** Histories that got messages Redis never saw (published while it was away). */
    private final Set<HistoryStream> missedByRedis = ConcurrentHashMap.newKeySet();
    /** The epoch this node last received per history; a change means history restarted. */
    private final Map<String, String> epochsSeen = new ConcurrentHashMap<>();

    @PostConstruct
    void configure() {
        if (maxLength < 1 || ttlSeconds < 1) {
            throw new IllegalStateException("history.max-length and history.ttl-seconds must be positive");
        }
        streams = Arrays.stream(patterns.orElse("").split(","))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .map(value -> HistoryStream.of(ChannelPattern.parse(value), bus.keyPrefix()))
                .toList();
        // Redis may take messages again without this node having counted it as away (a Redis
        // Cluster master failed over, a publish timed out once): restart what it missed then too.
        bus.onEachHealthyCheck(() -> restartMissed(settings.instanceId()));
    }

    /** The history keeping {@code channel}, if any: the first configured pattern matching it. */
    public Optional<HistoryStream> streamOf(String channel) {
        for (HistoryStream stream : streams) {
            if (stream.pattern().matches(channel)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    /** The history holding everything {@code subscription} can receive, if one does. */
    public Optional<HistoryStream> covering(ChannelPattern subscription) {
        return streams.stream().filter(stream -> stream.covers(subscription)).findFirst();
    }

    public List<HistoryStream> streams() {
        return streams;
    }

    /**
     * Numbers, stores and publishes {@code envelope} through Redis.
     *
     * @return false when Redis did not take it (the caller delivers locally)
     */
    public boolean publish(HistoryStream stream, String channel, Envelope envelope) {
        String payload = codec.encode(envelope);
        boolean sent = bus.publishWith(channel, (commands, target) -> PUBLISH.run(commands, ScriptOutputType.MULTI,
                keys(stream), freshEpoch(), String.valueOf(maxLength), ttlMillis(), payload, target.command(), target.redisChannel()));
        if (!sent) {
            missedByRedis.add(stream);
        }
        return sent;
    }

    /**
     * What {@code stream} holds after {@code since} (null: only where it stands now), or empty
     * when Redis cannot be asked.
     */
    public Optional<Replay> read(HistoryStream stream, HistoryPosition since) {
        Optional<RedisClusterCommands<String, String>> commands = bus.commands();
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        long from = since == null ? Long.MAX_VALUE : since.offset() + 1;
        List<Object> reply;
        try {
            reply = READ.run(commands.get(), ScriptOutputType.MULTI, keys(stream), freshEpoch(), ttlMillis(),
                    String.valueOf(from), String.valueOf(maxLength));
        } catch (RuntimeException e) {
            LOG.fine(() -> "Reading history " + stream.key() + " failed: " + e);
            return Optional.empty();
        }
        HistoryPosition now = new HistoryPosition((String) reply.get(0), (Long) reply.get(1));
        List<Envelope> entries = new ArrayList<>();
        for (Object entry : reply.subList(2, reply.size())) {
            entries.add(codec.decode((String) entry));
        }
        return Optional.of(new Replay(now, entries, since != null && Replay.complete(since, now, entries)));
    }

    /**
     * Restarts, with a new epoch, each history that got messages Redis did not take (it was away,
     * or one Redis Cluster master failed over), so that every node tells its clients. One that
     * cannot be restarted now is tried again after the next health check that finds Redis.
     */
    public synchronized void restartMissed(String instanceId) {
        for (HistoryStream stream : List.copyOf(missedByRedis)) {
            String channel = sampleChannel(stream);
            String marker = codec.encode(new Envelope("history-restart", channel, JsonValue.EMPTY_JSON_OBJECT, instanceId,
                    Instant.now().toString(), null, null, null));
            String epoch = freshEpoch();
            if (bus.publishWith(channel, (commands, target) -> RESTART.run(commands, ScriptOutputType.VALUE, keys(stream),
                    epoch, ttlMillis(), marker, target.command(), target.redisChannel()))) {
                missedByRedis.remove(stream);
                LOG.info(() -> "History " + stream.pattern() + " restarted at epoch " + epoch
                        + ": Redis missed messages this node delivered locally");
            }
        }
    }

    /**
     * Called by the dispatcher for each message with a position: true when its history restarted
     * since the last one this node received (so clients may have missed something).
     */
    public boolean restartedSinceLastSeen(HistoryStream stream, HistoryPosition position) {
        String previous = epochsSeen.put(stream.key(), position.epoch());
        return previous != null && !previous.equals(position.epoch());
    }

    private static String[] keys(HistoryStream stream) {
        return new String[] {stream.key(), stream.metaKey()};
    }

    /** A channel of the history, to route the restart marker to the right shard. */
    private static String sampleChannel(HistoryStream stream) {
        String value = stream.pattern().value();
        return stream.pattern().wildcard() ? value.substring(0, value.length() - 1) + "history:restarted" : value;
    }

    private String ttlMillis() {
        return String.valueOf(ttlSeconds * 1000L);
    }

    private static String freshEpoch() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * What a history holds after a client's position: {@code complete} when {@code entries} are
     * exactly what the client missed (possibly none), in order; otherwise the client missed more
     * than is kept, or its epoch is gone.
     */
    public record Replay(HistoryPosition now, List<Envelope> entries, boolean complete) {

        static boolean complete(HistoryPosition since, HistoryPosition now, List<Envelope> entries) {
            if (!since.epoch().equals(now.epoch()) || since.offset() > now.offset()) {
                return false;
            }
            return since.offset() == now.offset()
                    || (!entries.isEmpty() && entries.get(0).offset() == since.offset() + 1
                    && entries.get(entries.size() - 1).offset() == now.offset());
        }
    }
}
