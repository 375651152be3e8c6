package org.appcluster.clients.control;

/**
 * Fired by {@link SocketKeepAlive}: time to ping every socket of the node. A socket that has sent
 * nothing, not even a pong, since {@code silentSinceNanos} (three keep-alive intervals ago) is
 * taken for dead and closed.
 */
public record KeepAliveDue(long silentSinceNanos) {
}
