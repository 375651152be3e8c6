package org.appcluster.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A broadcast-socket client that completes the handshake, subscribes, and then never reads: the
 * slow consumer a server must cut off without holding up anyone else. Raw TCP, so nothing reads
 * for it behind the test's back; a small receive buffer makes the server's writes back up soon.
 */
public final class StalledClient implements AutoCloseable {

    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    public static StalledClient subscribe(ServerNode node, String channel) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            int port = node.uri("/").getPort();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/1/ws/jp-broadcast HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = readHeaders(socket.getInputStream());
            if (!response.startsWith("HTTP/1.1 101")) {
                throw new IllegalStateException("handshake refused: " + response);
            }
            out.write(maskedTextFrame("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}"));
            out.flush();
            return new StalledClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads everything the server managed to send; true once the server closed the connection. */
    public boolean drainUntilClosed() {
        try {
            socket.setSoTimeout((int) SocketClient.TIMEOUT.toMillis());
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            while (in.read(buffer) >= 0) {
                // discard: only the end of the stream matters
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headers.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length); // short frames only: under 126 bytes
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
