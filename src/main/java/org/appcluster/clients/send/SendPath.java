package org.appcluster.clients.send;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Chooses each socket's {@link FrameWriter}: with {@code websocket.send-path=auto} the lowest path
 * the container offers (Tyrus raw frames on Payara, Undertow batches on WildFly), with
 * {@code portable} the WebSocket API's {@code sendText} everywhere. The first failure of a fast
 * path turns it off for good on this node: every socket then sends the portable way. On Tyrus
 * the fast path also takes the sessions' idle timers off the managed scheduler ({@link TyrusIdleTimer}).
 */
public final class SendPath {

    private static final Logger LOG = Logger.getLogger(SendPath.class.getName());
    private static final String UNDERTOW_SESSION = "io.undertow.websockets.jsr.UndertowSession";

    private final boolean fastPathWanted;
    /** Where Tyrus sessions' idle-timeout tasks run instead of the managed scheduler; null: leave them. */
    private final ScheduledExecutorService idleTimer;
    private final AtomicBoolean fastPathEnabled;
    private volatile TyrusAccess tyrus;
    private volatile String lastChosen;

    private SendPath(boolean fastPathWanted, ScheduledExecutorService idleTimer) {
        this.fastPathWanted = fastPathWanted;
        this.idleTimer = idleTimer;
        this.fastPathEnabled = new AtomicBoolean(fastPathWanted);
    }

    /** {@code auto} or {@code portable}; Tyrus sessions' idle timers then run on {@code idleTimer} (or stay, when null). */
    public static SendPath of(String setting, ScheduledExecutorService idleTimer) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> new SendPath(true, idleTimer);
            case "portable" -> new SendPath(false, null);
            default -> throw new IllegalArgumentException("websocket.send-path must be auto or portable, not " + setting);
        };
    }

    public FrameWriter writerFor(Session session) {
        FrameWriter writer = choose(session);
        lastChosen = writer.name();
        return writer;
    }

    private FrameWriter choose(Session session) {
        if (fastPathEnabled.get()) {
            if (session.getClass().getName().equals(UNDERTOW_SESSION)) {
                return new UndertowBatchWriter(session, this);
            }
            Object webSocket = tyrusWebSocket(session.getAsyncRemote());
            if (webSocket != null) {
                if (idleTimer != null) {
                    TyrusIdleTimer.install(session, idleTimer);
                }
                return new TyrusRawWriter(session, tyrus.sendRawFrame(), webSocket, this);
            }
        }
        return new PortableWriter(session);
    }

    boolean fastPathEnabled() {
        return fastPathEnabled.get();
    }

    void fastPathFailed(String writer, Throwable failure) {
        if (fastPathEnabled.compareAndSet(true, false)) {
            LOG.warning(() -> "The " + writer + " send path failed (" + failure + "): this node sends the portable way from now on");
        }
    }

    /**
     * The writer the latest socket got ({@code tyrus-raw}, {@code undertow-batch} or
     * {@code portable}), or before any socket, what the setting asks for.
     */
    public String current() {
        String chosen = lastChosen;
        if (!fastPathEnabled.get()) {
            return fastPathWanted ? "portable (fast path failed)" : "portable";
        }
        return chosen == null ? "auto" : chosen;
    }

    /** The socket's {@code TyrusWebSocket}; null where Tyrus is not the container. */
    private Object tyrusWebSocket(RemoteEndpoint.Async remote) {
        TyrusAccess access = tyrus;
        if (access == null) {
            access = TyrusAccess.find(remote.getClass());
            if (access == null) {
                return null;
            }
            tyrus = access;
        }
        try {
            return access.webSocket().get(remote);
        } catch (IllegalAccessException | RuntimeException e) {
            fastPathFailed("tyrus-raw", e);
            return null;
        }
    }

    /**
     * Where Tyrus keeps a socket's {@code TyrusWebSocket} (a field of its remote endpoint: the
     * session keeps its own private) and that class's public {@code sendRawFrame}, one handle for
     * every socket: a handle bound to each socket gets compiled anew for each once it is hot.
     */
    private record TyrusAccess(Field webSocket, MethodHandle sendRawFrame) {

        static TyrusAccess find(Class<?> remoteClass) {
            for (Class<?> type = remoteClass; type != null; type = type.getSuperclass()) {
                if (type.getName().equals("org.glassfish.tyrus.core.TyrusRemoteEndpoint")) {
                    try {
                        Field webSocket = type.getDeclaredField("webSocket");
                        webSocket.setAccessible(true);
                        MethodHandle send = MethodHandles.publicLookup().findVirtual(webSocket.getType(), "sendRawFrame",
                                MethodType.methodType(Future.class, ByteBuffer.class))
                                .asType(MethodType.methodType(Future.class, Object.class, ByteBuffer.class));
                        return new TyrusAccess(webSocket, send);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        LOG.warning(() -> "Tyrus without the expected raw-frame send (" + e + "): sockets send the portable way");
                        return null;
                    }
                }
            }
            return null;
        }
    }
}
