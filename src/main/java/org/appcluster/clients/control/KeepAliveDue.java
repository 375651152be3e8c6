package org.appcluster.clients.control;

/** Fired by {@link SocketKeepAlive}: time to ping every socket of the node. */
public record KeepAliveDue() {
}
