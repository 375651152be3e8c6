package org.appcluster.namespaces.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.appcluster.clients.control.ClientConnection;
import org.appcluster.clients.control.ClientRegistry;
import org.appcluster.clients.control.ClientUuids;
import org.appcluster.clients.control.KeepAliveDue;
import org.appcluster.clients.control.SocketText;
import org.appcluster.clients.send.OutboundFrame;
import org.appcluster.clients.send.SocketWriters;
import org.appcluster.namespaces.boundary.NamespaceMessage;
import org.appcluster.namespaces.entity.ConnectionRefusedException;
import org.appcluster.namespaces.entity.NamespaceClient;
import org.appcluster.namespaces.entity.NamespaceReply;
import org.appcluster.security.entity.SessionEnding;

/**
 * The namespace sockets of this node: opens them, reads what they send (size, JSON, rate, then
 * the handler) and delivers what the router brings. Every answer to bad input is an error frame
 * on that socket alone; the socket stays open.
 */
@ApplicationScoped
public class NamespaceSockets {

    /** Close code for a client its namespace turned away (the jPulse client stops reconnecting). */
    public static final int REFUSED = 4403;
    /** Close code for a socket whose signed-in session ended. */
    public static final int SESSION_ENDED = 4401;
    private static final Logger LOG = Logger.getLogger(NamespaceSockets.class.getName());
    private static final long SESSION_END_WAIT_MILLIS = 2000;
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ClientRegistry clients;

    @Inject
    SocketWriters writers;

    @Inject
    NamespaceRouter router;

    @Inject
    NamespacePresence presence;

    LongSupplier clock = System::nanoTime;

    private final Map<String, NamespaceConnection> connections = new ConcurrentHashMap<>();
    /** HTTP sessions of signed-in handshakes whose sockets have not opened yet, by page uuid and path. */
    private final Map<String, PendingSession> handshakes = new ConcurrentHashMap<>();

    private record PendingSession(String httpSessionId, long atNanos) {
    }

    /** A signed-in handshake for {@code path} from page {@code uuid} belongs to HTTP session {@code httpSessionId}. */
    public void handshakeSession(String uuid, String path, String httpSessionId) {
        long now = clock.getAsLong();
        handshakes.values().removeIf(pending -> now - pending.atNanos() > TimeUnit.SECONDS.toNanos(30));
        handshakes.put(uuid + " " + path, new PendingSession(httpSessionId, now));
    }

    /** The container gave an HTTP session a new id (as on signing in or out): its sockets follow it. */
    public void sessionIdChanged(String oldId, String newId) {
        connections.values().forEach(connection -> connection.sessionIdChanged(oldId, newId));
    }

    void onSignOut(@Observes SessionEnding ending) {
        sessionEnded(ending.httpSessionId());
    }

    /**
     * The HTTP session ended (signed out or expired): its sockets say why and then close with
     * 4401. This waits (a moment at most) for those closes, since on signing out the container
     * ends the session next and WildFly then closes the session's sockets itself, without our
     * frame; a socket whose frame is not written by then (a write stuck or failed) is closed at
     * once, so no socket goes on as the user after the session.
     */
    public void sessionEnded(String httpSessionId) {
        CloseReason expired = new CloseReason(CloseReason.CloseCodes.getCloseCode(SESSION_ENDED), "session ended");
        List<ClientConnection> ending = connections.values().stream()
                .filter(connection -> httpSessionId.equals(connection.httpSessionId()))
                .map(NamespaceConnection::socket).toList();
        CompletableFuture<?>[] closes = ending.stream().map(socket -> {
            socket.send(NamespaceFrames.error("SESSION_EXPIRED", "The session ended: sign in again", null));
            return socket.closeAfterSending(expired);
        }).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closes).get(SESSION_END_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.fine(() -> "Sockets of an ending session not closed after their last frame in time: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ending.forEach(socket -> socket.close(expired)); // nothing for those closed already
        }
    }

    public NamespaceConnection open(DeclaredNamespace namespace, Map<String, String> pathParameters, Session session) {
        String path = session.getRequestURI().getPath();
        NamespaceClient client = new NamespaceClient(ClientUuids.of(session), usernameOf(session.getUserPrincipal()), path, pathParameters);
        ClientConnection socket = new ClientConnection(session, client.clientId(), client.username(), clients.slowConsumers(),
                writers.writerFor(session), clients.framesSentCounter());
        PendingSession httpSession = client.signedIn() ? handshakes.remove(ClientUuids.named(session.getRequestParameterMap()) + " " + path) : null;
        NamespaceConnection connection = new NamespaceConnection(socket, namespace, client, httpSession == null ? null : httpSession.httpSessionId());
        connections.put(socket.id(), connection);
        socket.send(NamespaceFrames.connected(client, namespace.definition()));
        try {
            namespace.handler().onConnect(client);
            if (namespace.definition().presence()) {
                presence.joined(connection);
            }
        } catch (ConnectionRefusedException e) {
            socket.send(NamespaceFrames.error("CONNECTION_REFUSED", e.getMessage(), null));
            socket.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(REFUSED), truncate(e.getMessage())));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "onConnect of " + namespace.template() + " failed for client " + client.clientId());
            socket.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "namespace handler failed"));
        }
        return connection;
    }

    public void message(NamespaceConnection connection, String text) {
        ClientConnection socket = connection.socket();
        socket.heard();
        int maxBytes = connection.namespace().definition().maxMessageBytes();
        if (SocketText.tooLarge(text, maxBytes)) {
            socket.send(NamespaceFrames.error("MESSAGE_TOO_LARGE", "Message exceeds " + maxBytes + " bytes", null));
            return;
        }
        JsonObject message;
        try {
            message = SocketText.parseObject(text);
        } catch (SocketText.InvalidSocketMessage e) {
            socket.send(NamespaceFrames.error("INVALID_MESSAGE", e.getMessage(), null));
            return;
        }
        JsonValue id = message.get("requestId");
        if (id != null && (id.getValueType() != JsonValue.ValueType.STRING || ((JsonString) id).getString().length() > 128)) {
            socket.send(NamespaceFrames.error("INVALID_MESSAGE", "Field 'requestId' must be a string of at most 128 characters", null));
            return;
        }
        String requestId = id == null ? null : message.getString("requestId");
        int refused = connection.rate().acquire(clock.getAsLong());
        if (refused > 0) {
            if (refused == 1 || requestId != null) {
                int limit = connection.namespace().definition().maxMessagesPerSecond();
                socket.send(NamespaceFrames.error("RATE_LIMIT_EXCEEDED", "More than " + limit + " messages in 1000 ms", requestId));
            }
            return;
        }
        if (requestId != null) {
            String origin = connection.takeAwaited(requestId);
            if (origin != null) {
                router.replied(origin, requestId, replyOf(message));
                return;
            }
        }
        if ("ping".equals(message.getString("type", null)) && requestId == null) {
            socket.send(NamespaceFrames.pong());
            return;
        }
        handle(connection, requestId == null ? message : JSON.createObjectBuilder(message).remove("requestId").build(), requestId);
    }

    private void handle(NamespaceConnection connection, JsonObject data, String requestId) {
        ClientConnection socket = connection.socket();
        NamespaceMessage message = new NamespaceMessage(connection.client(), data, requestId, socket::send);
        try {
            connection.namespace().handler().onMessage(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "onMessage of " + connection.namespace().template() + " failed for client "
                    + connection.client().clientId());
            if (!message.replied()) {
                message.replyError("HANDLER_ERROR", "The namespace could not handle this message");
            }
            return;
        }
        if (requestId != null && !message.replied() && !message.replyDeferred()) {
            message.replyError("NO_REPLY", "No reply from handler");
        }
    }

    /** A client's answer to a server request: {@code {…data, requestId}} or {@code {success:false, error, code, requestId}}. */
    private static NamespaceReply replyOf(JsonObject message) {
        if (message.get("success") == JsonValue.FALSE) {
            return NamespaceReply.failed(message.getString("code", "CLIENT_ERROR"), message.getString("error", "The client answered with an error"));
        }
        JsonObjectBuilder data = JSON.createObjectBuilder(message).remove("requestId");
        return NamespaceReply.of(data.build());
    }

    public void binary(NamespaceConnection connection) {
        connection.socket().heard();
        if (connection.rate().acquire(clock.getAsLong()) == 0) {
            connection.socket().send(NamespaceFrames.error("UNSUPPORTED_FRAME", "Binary frames are not part of the protocol: send JSON text", null));
        }
    }

    public void close(NamespaceConnection connection) {
        if (connections.remove(connection.socket().id()) == null) {
            return;
        }
        if (connection.namespace().definition().presence()) {
            presence.left(connection);
        }
        connection.drainAwaited().forEach((requestId, origin) ->
                router.replied(origin, requestId, NamespaceReply.failed("CONNECTION_LOST", "The client's socket closed before it answered")));
        try {
            connection.namespace().handler().onDisconnect(connection.client());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "onDisconnect of " + connection.namespace().template() + " failed");
        }
    }

    /** Sends one frame to every local socket on {@code path} that {@code filter} accepts; how many. */
    int deliver(String path, Predicate<NamespaceClient> filter, String text) {
        OutboundFrame frame = null;
        int sent = 0;
        for (NamespaceConnection connection : connections.values()) {
            if (connection.on(path) && filter.test(connection.client())) {
                if (frame == null) {
                    frame = OutboundFrame.of(text);
                }
                connection.socket().send(frame);
                sent++;
            }
        }
        return sent;
    }

    /**
     * Sends a server request to the client's socket here, which must answer it, or the asker hears
     * why not; whether this node holds the client.
     */
    boolean request(String path, String clientId, String text, String requestId, String origin) {
        for (NamespaceConnection connection : connections.values()) {
            if (connection.on(path) && connection.client().clientId().equals(clientId)) {
                if (connection.awaitReply(requestId, origin)) {
                    connection.socket().send(text);
                } else {
                    router.replied(origin, requestId, NamespaceReply.failed("TOO_MANY_REQUESTS",
                            "More than " + NamespaceConnection.MAX_AWAITED_REPLIES + " requests wait for this client"));
                }
                return true;
            }
        }
        return false;
    }

    void keepAlive(@Observes KeepAliveDue due) {
        connections.values().forEach(connection -> connection.socket().keepAlive(due.silentSinceNanos()));
    }

    /** Whether the socket is open here: opened, and not yet removed on close. */
    boolean holds(NamespaceConnection connection) {
        return connections.get(connection.socket().id()) == connection;
    }

    public int connectionCount() {
        return connections.size();
    }

    /** A node going down says so (1001), and the clients reconnect elsewhere. */
    @PreDestroy
    void closeAll() {
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "node shutting down");
        connections.values().forEach(connection -> connection.socket().close(goingAway));
    }

    private static String usernameOf(Principal principal) {
        return principal == null ? "" : principal.getName();
    }

    /** A close reason fits in 123 bytes. */
    private static String truncate(String reason) {
        String text = reason == null ? "refused" : reason;
        return text.length() > 60 ? text.substring(0, 60) : text;
    }
}
