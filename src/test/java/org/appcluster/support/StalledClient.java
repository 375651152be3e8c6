package org.appcluster.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
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

    /**
     * Reads everything the server managed to send, frame by frame, until the connection ends: the
     * code of the server's close frame, or -1 when the connection ended without one.
     */
    public int drainUntilClosed() {
        try {
            socket.setSoTimeout((int) SocketClient.TIMEOUT.toMillis());
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                long length = in.readUnsignedByte() & 0x7F; // server frames are not masked
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if (opcode == 0x8) {
                    return length >= 2 ? in.readUnsignedShort() : 1005;
                }
                in.skipNBytes(length);
            }
        } catch (EOFException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
