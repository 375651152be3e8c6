package org.appcluster.clients.send;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Chooses each socket's {@link FrameWriter}: with {@code websocket.send-path=auto} the lowest path
 * the container offers (raw frames into the Grizzly connection or through Tyrus on Payara, Undertow
 * batches on WildFly), with
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
    private volatile TyrusSinks tyrus;
    /** The latest socket's path name; for Tyrus asked anew, since its sockets move to grizzly-raw once one can. */
    private volatile Supplier<String> lastChosen;

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
        String name = writer.name();
        TyrusSinks sinks = tyrus;
        lastChosen = writer instanceof TyrusRawWriter && sinks != null ? sinks::pathName : () -> name;
        return writer;
    }

    private FrameWriter choose(Session session) {
        if (fastPathEnabled.get()) {
            if (session.getClass().getName().equals(UNDERTOW_SESSION)) {
                return new UndertowBatchWriter(session, this);
            }
            RawFrameSink sink = tyrusSink(session.getAsyncRemote());
            if (sink != null) {
                if (idleTimer != null) {
                    TyrusIdleTimer.install(session, idleTimer);
                }
                return new TyrusRawWriter(session, tyrus, sink, this);
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

    /** The socket's raw frame sink; null where Tyrus is not the container. */
    private RawFrameSink tyrusSink(RemoteEndpoint.Async remote) {
        TyrusSinks sinks = tyrus;
        if (sinks == null) {
            sinks = TyrusSinks.find(remote.getClass());
            if (sinks == null) {
                return null;
            }
            tyrus = sinks;
        }
        try {
            return sinks.sinkFor(remote);
        } catch (IllegalAccessException | RuntimeException e) {
            fastPathFailed("tyrus-raw", e);
            return null;
        }
    }

    /**
     * The writer the latest socket got ({@code grizzly-raw} or {@code tyrus-raw} on Payara,
     * {@code undertow-batch} on WildFly, or {@code portable}), or before any socket, what the setting asks for.
     */
    public String current() {
        Supplier<String> chosen = lastChosen;
        if (!fastPathEnabled.get()) {
            return fastPathWanted ? "portable (fast path failed)" : "portable";
        }
        return chosen == null ? "auto" : chosen.get();
    }
}
