package org.appcluster.namespaces.entity;

/** Thrown by {@code onConnect} to turn a client away: its socket closes with 4403 and this message. */
public class ConnectionRefusedException extends RuntimeException {

    public ConnectionRefusedException(String message) {
        super(message);
    }
}
