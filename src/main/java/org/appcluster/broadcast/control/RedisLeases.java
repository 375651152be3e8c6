package org.appcluster.broadcast.control;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Leases in Redis: a key held by one owner for a while, so exactly one node does a job at a
 * time. A holder that stops renewing (it died) loses the lease when it expires. Without Redis
 * nobody holds a lease.
 */
@ApplicationScoped
public class RedisLeases {

    private static final Logger LOG = Logger.getLogger(RedisLeases.class.getName());
    private static final String RENEW_IF_OWNER =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String DELETE_IF_OWNER =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    @Inject
    RedisBus bus;

    /** Takes or keeps the lease on {@code name} for {@code ttl}: true while {@code owner} holds it. */
    public boolean hold(String name, String owner, Duration ttl) {
        return bus.commands().map(redis -> {
            try {
                Long renewed = redis.eval(RENEW_IF_OWNER, ScriptOutputType.INTEGER, new String[] {key(name)},
                        owner, String.valueOf(ttl.toMillis()));
                return (renewed != null && renewed == 1)
                        || "OK".equals(redis.set(key(name), owner, SetArgs.Builder.nx().px(ttl.toMillis())));
            } catch (RuntimeException e) {
                LOG.fine(() -> "Lease " + name + " not taken: " + e);
                return false;
            }
        }).orElse(false);
    }

    /** Gives the lease up at once if {@code owner} holds it, so another node can take it now. */
    public void release(String name, String owner) {
        bus.commands().ifPresent(redis -> {
            try {
                redis.eval(DELETE_IF_OWNER, ScriptOutputType.INTEGER, new String[] {key(name)}, owner);
            } catch (RuntimeException e) {
                LOG.fine(() -> "Lease " + name + " not released: " + e);
            }
        });
    }

    /** Who holds the lease on {@code name}, if anyone and if Redis is there to ask. */
    public Optional<String> holder(String name) {
        return bus.commands().flatMap(redis -> {
            try {
                return Optional.ofNullable(redis.get(key(name)));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    private String key(String name) {
        return bus.keyPrefix() + "lease:" + name;
    }
}
