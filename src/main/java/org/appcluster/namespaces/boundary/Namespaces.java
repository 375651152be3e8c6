package org.appcluster.namespaces.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.appcluster.infra.JsonObjects;
import org.appcluster.namespaces.control.NamespaceRouter;
import org.appcluster.namespaces.entity.NamespaceClient;
import org.appcluster.namespaces.entity.NamespaceReply;
import org.appcluster.presence.control.ClusterPresence;
import org.appcluster.presence.entity.RoomPresence;

/**
 * What server code injects to reach namespace clients on every node: through Redis when the node
 * has it, on this node alone when it has not. A {@code path} is a namespace path with its rooms
 * filled in ({@code /api/1/ws/chat/lobby}); where noted, the declared template
 * ({@code /api/1/ws/chat/{room}}) stands for all its rooms. Data is a {@code JsonObject} or an
 * object JSON-B maps to one.
 */
@ApplicationScoped
public class Namespaces {

    @Inject
    NamespaceRouter router;

    @Inject
    ClusterPresence presence;

    /** To every client of {@code path} (a room, or a template for all rooms) on every node. */
    public void broadcast(String path, Object data) {
        router.broadcast(path, JsonObjects.from(data), "");
    }

    /** To every client of the sender's room, with the sender's username in the message's {@code ctx}. */
    public void broadcastFrom(NamespaceClient sender, Object data) {
        router.broadcast(sender.path(), JsonObjects.from(data), sender.username());
    }

    /** To the sockets of one client (its page's uuid) on {@code path} (a room or a template), wherever they are. */
    public void sendToClient(String path, String clientId, Object data) {
        router.sendToClient(path, clientId, JsonObjects.from(data));
    }

    /** To every socket of a signed-in user on {@code path} (a room or a template), on every node. */
    public void sendToUser(String path, String username, Object data) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("sendToUser needs a username: signed-out clients have none");
        }
        router.sendToUser(path, username, JsonObjects.from(data));
    }

    /** Who is online in room {@code path} of a namespace declared with {@code presence = true}, on every node. */
    public RoomPresence presence(String path) {
        return presence.of(path);
    }

    /**
     * Asks one client and waits for its {@code reply}. Always completes normally: with the
     * client's answer, its error, {@code REQUEST_TIMEOUT}, {@code CONNECTION_LOST}, or
     * {@code NOT_CONNECTED} once every node up has said the client is not on it.
     */
    public CompletionStage<NamespaceReply> request(String path, String clientId, Object data, Duration timeout) {
        return router.request(path, clientId, JsonObjects.from(data), timeout);
    }
}
