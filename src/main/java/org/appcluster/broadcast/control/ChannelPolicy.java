package org.appcluster.broadcast.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.appcluster.broadcast.entity.Caller;
import org.appcluster.broadcast.entity.ChannelName;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.ForbiddenChannelException;
import org.appcluster.broadcast.entity.Layer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may publish and subscribe where, one rule for REST, the socket and server code. Browsers
 * subscribe to {@code view:} channels only and publish on those nobody owns; owned channels carry
 * what the server alone says (stored to-dos, statistics, notices): server code publishes there,
 * and on admin-owned ones administrators too. Administrators may also use the other layers.
 */
@ApplicationScoped
public class ChannelPolicy {

    @Inject
    @ConfigProperty(name = "channels.server-owned")
    Optional<String> serverOwned = Optional.empty();

    @Inject
    @ConfigProperty(name = "channels.admin-owned")
    Optional<String> adminOwned = Optional.empty();

    private final List<Owned> owned = new CopyOnWriteArrayList<>();

    private record Owned(ChannelPattern pattern, Caller publisher) {
    }

    @PostConstruct
    void configure() {
        patterns(serverOwned).forEach(pattern -> own(pattern, Caller.SERVER));
        patterns(adminOwned).forEach(pattern -> own(pattern, Caller.ADMIN));
    }

    /**
     * Declares channels that only {@code publisher} may publish on: {@link Caller#SERVER} (server
     * code) or {@link Caller#ADMIN} (server code and administrators). Browsers may still subscribe.
     */
    public void own(String pattern, Caller publisher) {
        if (publisher == Caller.BROWSER) {
            throw new IllegalArgumentException("a channel is owned by the server or by administrators");
        }
        ChannelPattern parsed = ChannelPattern.parse(pattern);
        if (parsed.layer().filter(Layer::isClientFacing).isEmpty()) {
            throw new IllegalArgumentException("only view: channels are open to browsers; '" + pattern + "' needs no owner");
        }
        owned.add(new Owned(parsed, publisher));
    }

    /** @throws ForbiddenChannelException when {@code caller} may not publish on {@code channel} */
    public void checkPublish(ChannelName channel, Caller caller) {
        if (caller == Caller.SERVER) {
            return;
        }
        if (!channel.layer().isClientFacing()) {
            if (caller != Caller.ADMIN) {
                throw new ForbiddenChannelException(channel.value(), "only administrators may publish outside view:*");
            }
            return;
        }
        for (Owned candidate : owned) {
            if (candidate.pattern().matches(channel.value()) && !(caller == Caller.ADMIN && candidate.publisher() == Caller.ADMIN)) {
                throw new ForbiddenChannelException(channel.value(), "the server owns " + candidate.pattern().value()
                        + (candidate.publisher() == Caller.ADMIN ? "; administrators may publish there" : "; only server code publishes there"));
            }
        }
    }

    /**
     * Parses a pattern a browser asked for: {@code view:} only, no bare {@code *}.
     *
     * @throws ForbiddenChannelException for any other layer
     */
    public ChannelPattern browserSubscription(String pattern) {
        ChannelPattern parsed = ChannelPattern.parse(pattern);
        if (parsed.layer().filter(Layer::isClientFacing).isEmpty()) {
            throw new ForbiddenChannelException(pattern, "browsers may only subscribe to view:* channels");
        }
        return parsed;
    }

    private static List<String> patterns(Optional<String> list) {
        return Arrays.stream(list.orElse("").split(",")).map(String::trim).filter(value -> !value.isEmpty()).toList();
    }
}
