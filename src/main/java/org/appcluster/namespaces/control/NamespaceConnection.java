package org.appcluster.namespaces.control;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.appcluster.clients.control.ClientConnection;
import org.appcluster.infra.RateWindow;
import org.appcluster.namespaces.entity.NamespaceClient;

/**
 * One namespace socket: the same {@link ClientConnection} (send path, outbound queue,
 * slow-consumer limits) as a broadcast socket, with its namespace, its client as the handler sees
 * it, its own message limits and the server requests it has yet to answer.
 */
public final class NamespaceConnection {

    /** Server requests one socket may have unanswered at a time; more are answered TOO_MANY_REQUESTS. */
    static final int MAX_AWAITED_REPLIES = 256;

    private final ClientConnection socket;
    private final DeclaredNamespace namespace;
    private final NamespaceClient client;
    private final RateWindow rate;
    /** Server requests sent to this socket: request id → instance id of the node that asked. */
    private final Map<String, String> awaitedReplies = new ConcurrentHashMap<>();
    private volatile boolean present;
    private volatile String httpSessionId;

    /** @param httpSessionId the signed-in HTTP session the socket belongs to, or null */
    NamespaceConnection(ClientConnection socket, DeclaredNamespace namespace, NamespaceClient client, String httpSessionId) {
        this.httpSessionId = httpSessionId;
        this.socket = socket;
        this.namespace = namespace;
        this.client = client;
        this.rate = new RateWindow(namespace.definition().maxMessagesPerSecond(), 1000);
    }

    ClientConnection socket() {
        return socket;
    }

    DeclaredNamespace namespace() {
        return namespace;
    }

    NamespaceClient client() {
        return client;
    }

    /** The client's pong to a ping: what it has read so far (see {@link ClientConnection#acknowledge}). */
    public void acknowledge(ByteBuffer pongData) {
        socket.acknowledge(pongData);
    }

    String httpSessionId() {
        return httpSessionId;
    }

    void sessionIdChanged(String oldId, String newId) {
        if (oldId.equals(httpSessionId)) {
            httpSessionId = newId;
        }
    }

    RateWindow rate() {
        return rate;
    }

    /**
     * Counts it in its room's presence, from after its namespace accepted it until it closes;
     * whether that changed anything. Called under the presence lock.
     */
    boolean markPresent(boolean counted) {
        boolean changed = present != counted;
        present = counted;
        return changed;
    }

    /** Whether this socket is on {@code path}: one room, or any room of a template. */
    boolean on(String path) {
        return client.path().equals(path) || namespace.template().equals(path);
    }

    /** @return false when too many requests wait for this socket's answer */
    boolean awaitReply(String requestId, String origin) {
        if (awaitedReplies.size() >= MAX_AWAITED_REPLIES) {
            return false;
        }
        awaitedReplies.put(requestId, origin);
        return true;
    }

    /** The node that asked, when {@code requestId} is a server request this socket had to answer. */
    String takeAwaited(String requestId) {
        return awaitedReplies.remove(requestId);
    }

    Map<String, String> drainAwaited() {
        Map<String, String> left = Map.copyOf(awaitedReplies);
        awaitedReplies.clear();
        return left;
    }
}
