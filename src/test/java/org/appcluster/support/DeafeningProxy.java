package org.appcluster.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free loopback port in front of a Redis, which can make the connections open
 * through it go deaf: they stay open, but nothing Redis sends reaches the client any more. That
 * is how a half-dead connection looks to the client, and nothing in the client library notices
 * it. Connections opened afterwards work normally.
 */
public final class DeafeningProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();

    private DeafeningProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    public static DeafeningProxy to(int targetPort) {
        try {
            return new DeafeningProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, what Redis sends on the connections open now is dropped. */
    public void deafenOpenConnections() {
        pairs.forEach(pair -> pair.deaf = true);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        pairs.forEach(Pair::close);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket redis = new Socket();
                redis.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                Pair pair = new Pair(client, redis);
                pairs.add(pair);
                daemon(() -> pump(client, redis, pair, false));
                daemon(() -> pump(redis, client, pair, true));
            } catch (IOException e) {
                // the proxy was closed, or Redis refused: the client sees its connection end
            }
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "deafening-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private static void pump(Socket from, Socket to, Pair pair, boolean fromRedis) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (!(fromRedis && pair.deaf)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            pair.close();
        }
    }

    private static final class Pair {
        final Socket client;
        final Socket redis;
        volatile boolean deaf;

        Pair(Socket client, Socket redis) {
            this.client = client;
            this.redis = redis;
        }

        void close() {
            try {
                client.close();
                redis.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
