package org.appcluster.bench;

import java.util.function.Consumer;

/**
 * What a benchmark socket says to a target and how it reads the target's frames: ours, or
 * Socket.IO's. Only what the load generator needs: subscribe to one channel, keep the
 * connection alive, tell broadcasts from the rest.
 */
interface ClientProtocol {

    ClientProtocol JPULSE = new JPulseProtocol();
    ClientProtocol SOCKET_IO = new SocketIoProtocol();

    /** What a frame from the server meant to the socket. */
    enum Frame {
        /** A message published to the socket's channel. */
        BROADCAST,
        /** The socket is connected and, if it was given a channel, subscribed to it. */
        READY,
        /** The server says messages of the socket's subscription were not delivered (ours: "recovery"). */
        MISSED_SIGNAL,
        /** Part of the handshake or keep-alive, already answered. */
        OTHER
    }

    /**
     * Reads one text frame of a socket that is to subscribe to {@code channel} (null: none),
     * sending what the protocol answers through {@code send}.
     *
     * @throws IllegalStateException when the server refused the socket or its subscription
     */
    Frame read(String text, String channel, Consumer<String> send);
}
