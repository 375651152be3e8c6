package org.appcluster.clients.control;

/** What one browser socket may send; announced to the client in its {@code connected} frame. */
public final class ClientLimits {

    public static final int MAX_FRAME_BYTES = 65_536;
    public static final int INTERVAL_MILLIS = 1000;
    public static final int MAX_MESSAGES = 50;
    public static final int MAX_SUBSCRIPTIONS = 256;

    private ClientLimits() {
    }
}
