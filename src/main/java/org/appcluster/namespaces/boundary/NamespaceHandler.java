package org.appcluster.namespaces.boundary;

import org.appcluster.namespaces.entity.ConnectionRefusedException;
import org.appcluster.namespaces.entity.NamespaceClient;

/**
 * What a namespace does with its sockets. Each callback runs on the thread that received the
 * frame; a callback that throws gets its client an error frame, and the socket stays open.
 */
public interface NamespaceHandler {

    /**
     * A client connected (after its {@code connected} frame). Throwing
     * {@link ConnectionRefusedException} closes the socket with 4403.
     */
    default void onConnect(NamespaceClient client) {
    }

    /**
     * A client sent a message. A request (one with a {@code requestId}) that this method returns
     * from without answering is answered {@code NO_REPLY}.
     */
    default void onMessage(NamespaceMessage message) {
    }

    /** A client's socket closed, for whatever reason. */
    default void onDisconnect(NamespaceClient client) {
    }
}
