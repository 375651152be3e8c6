package org.appcluster.clients.send;

import jakarta.websocket.RemoteEndpoint;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * Raw frame sinks for Tyrus sockets (Payara), found by reflection and shared by every socket; one
 * handle for all, since a handle bound to each socket gets compiled anew for each once it is hot.
 * <ul>
 * <li>{@code grizzly-raw}: the socket's Grizzly connection ({@link GrizzlyConnections}). A write
 * wraps the frames' bytes (no copy) and goes down the connection's filter chain (TLS included)
 * into its write queue: no servlet output stream, no 8 KiB buffer allocated and copied per write,
 * no flush through the HTTP layer.</li>
 * <li>{@code tyrus-raw}: {@code TyrusWebSocket.sendRawFrame}, the same bytes through Tyrus's
 * servlet writer: a socket's first frames, sent while it opens, before its connection can be
 * reached, and every frame where it never can.</li>
 * </ul>
 */
final class TyrusSinks {

    private static final Logger LOG = Logger.getLogger(TyrusSinks.class.getName());
    private static final MethodType SEND = MethodType.methodType(Future.class, Object.class, ByteBuffer.class);
    /** Writes after which a socket stops looking for its connection and stays on tyrus-raw. */
    private static final int MAX_LOOKUPS = 8;

    private final Field webSocket;
    private final MethodHandle sendRawFrame;
    /** Found on the first socket whose connection could be reached. */
    private volatile GrizzlyConnections grizzly;
    /** False once a socket's objects showed another container or version. */
    private volatile boolean grizzlyPossible = true;

    private TyrusSinks(Field webSocket, MethodHandle sendRawFrame) {
        this.webSocket = webSocket;
        this.sendRawFrame = sendRawFrame;
    }

    /** Null where Tyrus is not the container or has no raw send. */
    static TyrusSinks find(Class<?> remoteClass) {
        for (Class<?> type = remoteClass; type != null; type = type.getSuperclass()) {
            if (type.getName().equals("org.glassfish.tyrus.core.TyrusRemoteEndpoint")) {
                try {
                    // Tyrus keeps the socket's TyrusWebSocket in its remote endpoint (the session's copy is private).
                    Field webSocket = type.getDeclaredField("webSocket");
                    webSocket.setAccessible(true);
                    MethodHandle send = MethodHandles.publicLookup().findVirtual(webSocket.getType(), "sendRawFrame",
                            MethodType.methodType(Future.class, ByteBuffer.class)).asType(SEND);
                    return new TyrusSinks(webSocket, send);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.warning(() -> "Tyrus without the expected raw-frame send (" + e + "): sockets send the portable way");
                    return null;
                }
            }
        }
        return null;
    }

    RawFrameSink sinkFor(RemoteEndpoint.Async remote) throws IllegalAccessException {
        return new SocketSink(webSocket.get(remote));
    }

    /** {@code grizzly-raw} once a socket writes straight into its connection, {@code tyrus-raw} before. */
    String pathName() {
        return grizzly == null ? "tyrus-raw" : "grizzly-raw";
    }

    private RawFrameSink grizzlySink(Object socket) {
        GrizzlyConnections found = grizzly;
        if (found == null) {
            if (!grizzlyPossible) {
                return null;
            }
            try {
                found = GrizzlyConnections.find(socket);
            } catch (UnsupportedOperationException e) {
                grizzlyPossible = false;
                LOG.info(() -> e.getMessage() + ": sockets send through Tyrus");
                return null;
            }
            if (found == null) {
                return null;
            }
            grizzly = found;
        }
        return found.sinkFor(socket);
    }

    /**
     * One socket's sink: through Tyrus until its Grizzly connection can be reached, then straight
     * into it, once nothing written through Tyrus waits in Tyrus's own queue (frames stay in order).
     * One thread at a time writes, as for every {@link FrameWriter}.
     */
    private final class SocketSink implements RawFrameSink {

        private final Object socket;
        private RawFrameSink direct;
        private Future<?> lastThroughTyrus;
        private int lookups;

        SocketSink(Object socket) {
            this.socket = socket;
        }

        @Override
        public Future<?> write(ByteBuffer frames) throws Throwable {
            if (direct == null && lookups < MAX_LOOKUPS && (lastThroughTyrus == null || lastThroughTyrus.isDone())) {
                lookups++;
                direct = grizzlySink(socket);
            }
            if (direct != null) {
                return direct.write(frames);
            }
            Future<?> write = (Future<?>) sendRawFrame.invokeExact(socket, frames);
            lastThroughTyrus = write;
            return write;
        }
    }
}
