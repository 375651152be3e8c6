package org.appcluster.clients.send;

import jakarta.websocket.Session;
import java.util.List;
import java.util.function.Consumer;

/**
 * A container's own send path, with the portable one beside it: once any fast path on this node
 * failed, every socket sends the portable way, after what its fast path already queued.
 */
abstract class FastPathWriter implements FrameWriter {

    final Session session;
    final SendPath path;
    private final PortableWriter fallback;

    FastPathWriter(Session session, SendPath path) {
        this.session = session;
        this.path = path;
        this.fallback = new PortableWriter(session);
    }

    @Override
    public final void write(List<OutboundFrame> frames, long pingPayload, Consumer<Throwable> done) {
        if (path.fastPathEnabled()) {
            writeFast(frames, pingPayload, done);
        } else {
            fallback.write(frames, pingPayload, done);
        }
    }

    /** After a failure of the path itself (not of the socket), the frames go the portable way. */
    final void fastPathFailed(Throwable failure, List<OutboundFrame> frames, long pingPayload, Consumer<Throwable> done) {
        path.fastPathFailed(name(), failure);
        fallback.write(frames, pingPayload, done);
    }

    abstract void writeFast(List<OutboundFrame> frames, long pingPayload, Consumer<Throwable> done);

    /** Frames the fast path handed over that the container has not written yet. */
    abstract int unwrittenFast();

    @Override
    public final int unwritten() {
        return unwrittenFast() + fallback.unwritten();
    }
}
