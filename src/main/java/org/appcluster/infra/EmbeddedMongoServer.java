package org.appcluster.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * An in-process MongoDB wire-protocol server for running without a MongoDB installation. The
 * application still talks to it through the real driver over a loopback socket, so switching to
 * a real MongoDB is only a {@code mongo.uri}. With a file it keeps its data across restarts.
 * {@link #main} serves one to every node of a local cluster.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private EmbeddedMongoServer(MongoBackend backend, int port) {
        server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    /**
     * @param file where to keep the data, or null to keep it in memory
     * @throws IllegalStateException when the file cannot be opened, e.g. another process holds it
     */
    public static EmbeddedMongoServer start(int port, String file) {
        if (file == null || file.isBlank()) {
            return new EmbeddedMongoServer(new MemoryBackend(), port);
        }
        File parent = new File(file).getAbsoluteFile().getParentFile();
        if (parent != null) {
            parent.mkdirs();
        }
        H2Backend backend;
        try {
            backend = new H2Backend(file);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open embedded MongoDB file " + file + ": " + e.getMessage(), e);
        }
        return new EmbeddedMongoServer(backend, port);
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /** {@code java -cp … org.appcluster.infra.EmbeddedMongoServer <port> [file]}: serves until stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        EmbeddedMongoServer mongo = start(port, args.length > 1 ? args[1] : null);
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "embedded-mongo-shutdown"));
        System.out.println("Embedded MongoDB listening on " + mongo.uri());
        new CountDownLatch(1).await();
    }
}
