package org.appcluster.support;

import java.util.concurrent.TimeUnit;

/** Stopping a process the tests started: politely, then by force. */
final class Processes {

    private Processes() {
    }

    static void stop(Process process, int graceSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
