package org.appcluster.broadcast.control;

import java.util.List;
import java.util.Set;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.HistoryPosition;

/**
 * Where the dispatcher hands messages for this node's browser sockets. The clients side
 * implements it, so the bus depends on no client code.
 */
public interface LocalDelivery {

    /** Messages in arrival order, as one batch: what a socket gets of them goes out together. */
    void relay(List<Envelope> batch);

    /**
     * Messages on channels of {@code stream} may have been lost; {@code now} (or null) is where
     * the history stands.
     */
    void historyLost(HistoryStream stream, HistoryPosition now, String reason);

    /** Messages on {@code channels} were not delivered here: whoever listens to them is told. */
    void messagesMissed(Set<String> channels, String reason);
}
