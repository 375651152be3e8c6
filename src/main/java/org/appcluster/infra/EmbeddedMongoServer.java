package org.appcluster.infra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * An in-process MongoDB wire-protocol server for running without a MongoDB installation. The
 * application still talks to it through the real driver over a loopback socket, so switching to
 * a real MongoDB is only a {@code mongo.uri}. {@link #main} serves one to every node of a local
 * cluster.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final String uri;

    private EmbeddedMongoServer(int port) {
        server.bind(new InetSocketAddress("127.0.0.1", port));
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    public static EmbeddedMongoServer start(int port) {
        return new EmbeddedMongoServer(port);
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /** {@code java -cp … org.appcluster.infra.EmbeddedMongoServer <port>}: serves until killed. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        EmbeddedMongoServer mongo = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "embedded-mongo-shutdown"));
        System.out.println("Embedded MongoDB listening on " + mongo.uri());
        new CountDownLatch(1).await();
    }
}
