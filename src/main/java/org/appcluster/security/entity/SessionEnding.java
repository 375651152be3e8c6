package org.appcluster.security.entity;

/**
 * Fired when a user signs out, before the HTTP session is invalidated: what belongs to the
 * session (its namespace sockets) can end with a reason of its own, before the WebSocket
 * container closes the session's sockets with 1008 as the WebSocket specification asks.
 */
public record SessionEnding(String httpSessionId) {
}
