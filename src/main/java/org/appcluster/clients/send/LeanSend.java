package org.appcluster.clients.send;

/**
 * Runs a WebSocket send with a context class loader that holds no jars. Payara's WebSocket layer
 * (Tyrus) reschedules an idle-timeout task on the container's managed scheduler for every frame
 * it sends, and the container captures the sending thread's context for that task by searching
 * the context class loader's jars for service files: with the application's loader, a file
 * lookup per jar per frame, which held a node to about 8,000 frames a second in the benchmark.
 * Sending loads no classes, so an empty loader changes nothing else.
 */
final class LeanSend {

    private static final ClassLoader EMPTY = new ClassLoader(null) {
    };

    private LeanSend() {
    }

    static void run(Runnable send) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EMPTY);
        try {
            send.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
