package org.appcluster.bench;

import java.util.function.Consumer;

/**
 * Socket.IO 4 over Engine.IO v4, WebSocket transport only, default namespace. The server opens
 * with {@code 0{...}}, the client connects with {@code 40} (answered {@code 40{"sid":...}}),
 * subscribes with the event {@code 420["subscribe",channel]} (acknowledged {@code 430[...]});
 * events arrive as {@code 42[name,payload]}; the server's ping {@code 2} wants a pong {@code 3}.
 */
final class SocketIoProtocol implements ClientProtocol {

    /** The path and query a WebSocket-only Engine.IO v4 client connects to. */
    static final String PATH = "/socket.io/?EIO=4&transport=websocket";

    @Override
    public Frame read(String text, String channel, Consumer<String> send) {
        if (text.startsWith("42")) {
            return Frame.BROADCAST;
        }
        if (text.equals("2")) {
            send.accept("3");
        } else if (text.startsWith("0")) {
            send.accept("40");
        } else if (text.startsWith("40")) {
            if (channel == null) {
                return Frame.READY;
            }
            send.accept("420[\"subscribe\",\"" + channel + "\"]");
        } else if (text.startsWith("430")) {
            if (!text.contains("\"success\":true")) {
                throw new IllegalStateException("subscription refused: " + text);
            }
            return Frame.READY;
        } else if (text.startsWith("44")) {
            throw new IllegalStateException("server refused: " + text);
        }
        return Frame.OTHER;
    }
}
