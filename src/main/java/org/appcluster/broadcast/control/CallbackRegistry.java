package org.appcluster.broadcast.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.appcluster.broadcast.entity.BroadcastCallback;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;

/** Server callbacks by pattern; every match fires, and one failing callback never stops the rest. */
@ApplicationScoped
public class CallbackRegistry {

    private static final Logger LOG = Logger.getLogger(CallbackRegistry.class.getName());

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    public AutoCloseable register(ChannelPattern pattern, BroadcastCallback callback, boolean omitSelf) {
        Registration registration = new Registration(pattern, callback, omitSelf);
        registrations.add(registration);
        return () -> registrations.remove(registration);
    }

    public void dispatch(Envelope envelope, String selfInstanceId) {
        boolean fromSelf = selfInstanceId.equals(envelope.instanceId());
        for (Registration registration : registrations) {
            if ((fromSelf && registration.omitSelf()) || !registration.pattern().matches(envelope.channel())) {
                continue;
            }
            try {
                registration.callback().onBroadcast(envelope.channel(), envelope.data(), envelope.instanceId());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, e, () -> "Broadcast callback for " + registration.pattern()
                        + " failed on message " + envelope.id() + " (" + envelope.channel() + ")");
            }
        }
    }

    private record Registration(ChannelPattern pattern, BroadcastCallback callback, boolean omitSelf) {
    }
}
