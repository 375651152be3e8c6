package org.appcluster.cart.control;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.cart.entity.CartChanged;

/** Sends each stored cart to its own user's sockets on every node, and to nobody else's. */
@Singleton
@Lock(LockType.READ)
public class CartBroadcaster {

    /** Server-owned (see {@code channels.server-owned}): pages subscribe, only the server publishes. */
    public static final String CHANNEL = "view:cart:items:changed";

    @Inject
    Broadcaster broadcaster;

    public void onCartChanged(@Observes CartChanged change) {
        broadcaster.publishToUser(change.username(), change.uuid(), CHANNEL,
                Map.of("items", change.items(), "timestamp", change.at().toString()));
    }
}
