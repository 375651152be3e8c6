package org.appcluster.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.appcluster.support.JsonWebSocket;

/**
 * Generated bad input for the broadcast socket and for a WebSocket namespace, reproducible from
 * a seed: malformed and mistyped messages, bad channels and history positions, bad request ids and
 * handler fields, binary frames, messages in fragments, oversized and deeply nested ones.
 */
final class BadFrames {

    /** One input: what it is, for a failure message, and how to send it on a socket. */
    interface BadFrame {
        String describe();

        void sendOn(JsonWebSocket socket);
    }

    private record Text(String text) implements BadFrame {
        public String describe() {
            return "text " + (text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + ")" : text);
        }

        public void sendOn(JsonWebSocket socket) {
            socket.send(text);
        }
    }

    private record Binary(byte[] bytes) implements BadFrame {
        public String describe() {
            return "binary frame of " + bytes.length + " bytes";
        }

        public void sendOn(JsonWebSocket socket) {
            socket.sendBinary(bytes);
        }
    }

    private record Fragments(String[] parts) implements BadFrame {
        public String describe() {
            return "text in " + parts.length + " fragments: " + String.join("|", parts);
        }

        public void sendOn(JsonWebSocket socket) {
            socket.sendInParts(parts);
        }
    }

    private final Random random;

    BadFrames(long seed) {
        this.random = new Random(seed);
    }

    BadFrame next() {
        return switch (random.nextInt(10)) {
            case 0 -> new Binary(randomBytes(random.nextInt(2_000)));
            case 1 -> fragments();
            case 2 -> new Text(pick("", " ", "{", "null", "42", "\"ping\"", "[{\"type\":\"ping\"}]", "{\"type\":null}", "{\"type\":[]}",
                    "{\"type\":\"ping\"} {\"type\":\"ping\"}", "{'type':'ping'}", "\ufeff{\"type\":\"ping\"}", "{\"type\":\"pi\\u0000ng\"}"));
            case 3 -> new Text("{\"type\":\"subscribe\",\"channel\":" + jsonString(channel()) + ",\"omitSelf\":" + pick("true", "false", "1", "\"no\"", "null", "{}") + "}");
            case 4 -> new Text("{\"type\":\"subscribe\",\"channel\":\"view:fuzz:item:added\",\"since\":" + pick("1", "\"x\"", "[]", "{}",
                    "{\"epoch\":5,\"offset\":1}", "{\"epoch\":\"e\",\"offset\":-1}", "{\"epoch\":\"e\",\"offset\":1.5}",
                    "{\"epoch\":\"" + "e".repeat(5_000) + "\",\"offset\":99999999999999999999}") + "}");
            case 5 -> new Text("{\"type\":\"unsubscribe\",\"channel\":" + pick("1", "null", jsonString(channel())) + "}");
            case 6 -> new Text("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(pick(60_000, 70_000, 300_000)) + "\"}");
            case 7 -> deep(pick(65, 2_000, 20_000));
            case 8 -> new Text(pick("{\"type\":\"publish\",\"channel\":\"view:system:notification:global\",\"data\":{\"critical\":true}}",
                    "{\"type\":\"" + "\u202e".repeat(100) + "\"}", "{\"type\":\"subscribe\",\"channel\":\"😀\"}",
                    "{\"type\":\"subscribe\",\"channel\":\"view:a:b:c\",\"type\":\"shout\"}"));
            default -> new Text(new String(randomBytes(random.nextInt(300)), StandardCharsets.ISO_8859_1));
        };
    }

    /**
     * For the demo namespace {@code /api/1/ws/hello}: its message types with bad fields, bad request
     * ids, requests nobody answers, a handler that throws, besides what any socket may be sent.
     */
    BadFrame nextForNamespace() {
        return switch (random.nextInt(10)) {
            case 0 -> new Binary(randomBytes(random.nextInt(2_000)));
            case 1 -> fragments();
            case 2 -> new Text(pick("", "{", "null", "[]", "\"message\"", "{\"type\":null}", "{\"type\":[]}", "{'type':'message'}",
                    "{\"type\":\"ping\",\"requestId\":\"p\"}", "{\"requestId\":\"nobody-asked\",\"answer\":42}"));
            case 3 -> new Text("{\"type\":\"" + pick("message", "whisper", "ask") + "\",\"to\":" + pick("1", "null", "\"no-such-client\"")
                    + ",\"text\":" + pick("1", "null", "\"\"", "\"  \"", "[]", "{}", jsonString("x".repeat(501)), "\"hi\"") + "}");
            case 4 -> new Text("{\"type\":\"" + pick("time", "divide", "no-such-type") + "\",\"requestId\":"
                    + pick("1", "null", "{}", "\"\"", "\"r\"", jsonString("r".repeat(200))) + "}");
            case 5 -> new Text("{\"type\":\"divide\",\"requestId\":\"d\",\"a\":" + pick("1", "1.5", "\"x\"", "-9223372036854775808")
                    + ",\"b\":" + pick("0", "-1", "1e400", "9223372036854775808", "null") + "}");
            case 6 -> new Text("{\"type\":\"message\",\"text\":\"" + "x".repeat(pick(60_000, 70_000, 300_000)) + "\"}");
            case 7 -> deep(pick(65, 2_000, 20_000));
            case 8 -> new Text("{\"type\":\"" + "\u202e".repeat(100) + "\",\"requestId\":\"😀\"}");
            default -> new Text(new String(randomBytes(random.nextInt(300)), StandardCharsets.ISO_8859_1));
        };
    }

    /** Nested {@code depth} arrays deep, closed or (half the time) left open. */
    private BadFrame deep(int depth) {
        return new Text("{\"type\":\"ping\",\"x\":" + "[".repeat(depth) + (random.nextBoolean() ? "]".repeat(depth) + "}" : ""));
    }

    private BadFrame fragments() {
        String whole = pick("{\"type\":\"ping\"}", "{\"type\":\"subscribe\",\"channel\":\"view:fuzz:frag:ment\"}", "{\"type\":\"nope\"}", "{not json");
        int cut = 1 + random.nextInt(whole.length() - 1);
        return new Fragments(new String[] {whole.substring(0, cut), "", whole.substring(cut)});
    }

    private String channel() {
        return pick("view:fuzz:item:added", "view:*", "*", "controller:a:b:c", "model:*", "view:a", "view::a:b", "view:a:b:" + "c".repeat(300),
                "view:a:b:\u0000", "view:a:b:c:*:*", "view" + ":x".repeat(30), "view:helloClusterTodo:*");
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String jsonString(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
