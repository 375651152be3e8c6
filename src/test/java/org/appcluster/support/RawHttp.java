package org.appcluster.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP/1.1 request over a socket bound to a chosen loopback address, so a test can be the
 * trusted proxy (127.0.0.1) or any other peer (127.0.0.2), which Java's HTTP client cannot choose.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The status, every header line and the body of one answer. */
    public record Response(int status, List<String> headerLines, String text) {

        public List<String> headers(String name) {
            String prefix = name.toLowerCase() + ":";
            return headerLines.stream().filter(line -> line.toLowerCase().startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim()).toList();
        }
    }

    /** Sends {@code method path} (with a JSON body when given) and these extra header lines. */
    public static Response from(String localAddress, ServerNode node, String method, String path, String json, String... headers) {
        int port = node.uri("/").getPort();
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(byte[] answer) throws IOException {
        String text = new String(answer, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        List<String> lines = new ArrayList<>(List.of(text.substring(0, end).split("\r\n")));
        int status = Integer.parseInt(lines.remove(0).split(" ")[1]);
        return new Response(status, List.copyOf(lines), text.substring(end + 4));
    }
}
