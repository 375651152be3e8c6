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
 * A TCP proxy on a free loopback port in front of a server (a Redis, a node), with the faults a
 * network has. It can make the connections open through it go deaf: they stay open, but nothing
 * the server sends reaches the client any more, which is how a half-dead connection looks to the
 * client. It can cut every open connection, and refuse new ones for a while.
 */
public final class FaultyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    private FaultyProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    public static FaultyProxy to(int targetPort) {
        try {
            return new FaultyProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Ends every connection open now, as a network drop would. */
    public void cutOpenConnections() {
        pairs.forEach(Pair::close);
    }

    /** While true, new connections are accepted and closed at once. */
    public void refuseNewConnections(boolean refuse) {
        refusing = refuse;
    }

    /** From now on, what the server sends on the connections open now is dropped. */
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
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                Pair pair = new Pair(client, upstream);
                pairs.add(pair);
                daemon(() -> pump(client, upstream, pair, false));
                daemon(() -> pump(upstream, client, pair, true));
            } catch (IOException e) {
                // the proxy was closed, or the server refused: the client sees its connection end
            }
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "faulty-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(Socket from, Socket to, Pair pair, boolean fromServer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (!(fromServer && pair.deaf)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            pair.close();
            pairs.remove(pair);
        }
    }

    private static final class Pair {
        final Socket client;
        final Socket upstream;
        volatile boolean deaf;

        Pair(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void close() {
            try {
                client.close();
                upstream.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
