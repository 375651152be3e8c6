package org.appcluster.clients.send;

import java.util.List;
import java.util.function.Consumer;

/**
 * How frames reach one socket. The caller hands over one batch at a time, in order, and waits for
 * {@code done} before the next; writers that queue in the container call it before returning.
 */
public interface FrameWriter {

    /**
     * Writes {@code frames} in order, then the ping when {@code pingPayload} is not negative.
     *
     * @param done told null once the next batch may follow, or the failure of this socket's write
     */
    void write(List<OutboundFrame> frames, long pingPayload, Consumer<Throwable> done);

    /** Frames handed to the container that it has not written to the network yet. */
    int unwritten();

    /** Which send path this is, for the log and the metrics. */
    String name();
}
