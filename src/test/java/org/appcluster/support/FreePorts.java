package org.appcluster.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports nobody listens on, so tests never collide with the machine's own services. A port is
 * free only until someone binds it, so each is given once per test run (a Redis port chosen before
 * its node starts must not become that node's HTTPS port), and they come from below Linux's
 * ephemeral range (32768 up): a port the system hands out for outgoing connections could be taken,
 * or still held by the thousands of sockets a benchmark closed a moment ago, between choosing it
 * and the node binding it seconds later.
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int COUNT = 12_000;
    private static final Set<Integer> GIVEN = new HashSet<>();
    private static int next = FIRST + ThreadLocalRandom.current().nextInt(COUNT);

    private FreePorts() {
    }

    public static synchronized int next() {
        for (int tried = 0; tried < COUNT; tried++) {
            int port = next;
            next = FIRST + (next - FIRST + 1) % COUNT;
            if (!GIVEN.contains(port) && free(port)) {
                GIVEN.add(port);
                return port;
            }
        }
        throw new IllegalStateException("No free port from " + FIRST + " to " + (FIRST + COUNT - 1));
    }

    /** Bound on every address, as the nodes bind, so a listener on any of them counts. */
    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
