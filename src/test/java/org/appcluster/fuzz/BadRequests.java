package org.appcluster.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Generated bad REST requests, reproducible from a seed: every endpoint of the API (and paths and
 * methods it does not have), with malformed JSON, wrong types, huge and deeply nested values, odd
 * Unicode, bad channels and ids, and wrong content types.
 */
final class BadRequests {

    /** One request: what it is, for a failure message, and how to send it. */
    record BadRequest(String method, String path, String contentType, byte[] body, Map<String, String> headers) {

        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + path + " [" + contentType + "] " + (text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + ")" : text);
        }
    }

    private record Endpoint(String method, Function<Random, String> path, Function<Random, String> goodBody) {
    }

    private static final String TODO_ID = "000000000000000000000000";

    private final Random random;
    private final List<Endpoint> endpoints;

    BadRequests(long seed) {
        this.random = new Random(seed);
        this.endpoints = List.of(
                new Endpoint("POST", r -> "/api/1/app-cluster/broadcast/" + encode(channel(r)), r -> "{\"data\":{\"n\":1}}"),
                new Endpoint("POST", r -> "/api/1/app-cluster/broadcast", r -> "[{\"channel\":\"view:fuzz:a:b\",\"data\":{}}]"),
                new Endpoint("GET", r -> "/api/1/app-cluster/broadcast/status", r -> null),
                new Endpoint("GET", r -> "/api/1/helloClusterTodo", r -> null),
                new Endpoint("GET", r -> "/api/1/helloClusterTodo/stats", r -> null),
                new Endpoint("POST", r -> "/api/1/helloClusterTodo", r -> "{\"title\":\"fuzz\",\"user\":\"f\"}"),
                new Endpoint("PUT", r -> "/api/1/helloClusterTodo/" + encode(id(r)) + "/toggle", r -> "{\"user\":\"f\"}"),
                new Endpoint("DELETE", r -> "/api/1/helloClusterTodo/" + encode(id(r)), r -> "{\"user\":\"f\"}"),
                new Endpoint("POST", r -> "/api/1/admin/broadcast-notification", r -> "{\"message\":\"m\",\"level\":\"info\"}"),
                new Endpoint("GET", r -> "/api/1/admin/cluster", r -> null),
                new Endpoint("POST", r -> "/api/1/auth/signin", r -> "{\"username\":\"nobody\",\"password\":\"x\"}"),
                new Endpoint("POST", r -> "/api/1/auth/signout", r -> null),
                new Endpoint("GET", r -> "/api/1/auth/me", r -> null),
                new Endpoint("GET", r -> "/api/1/dashboard/stats", r -> null),
                new Endpoint("GET", r -> "/api/1/" + encode(oddText(r)), r -> null));
    }

    BadRequest next() {
        Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
        String method = random.nextInt(8) == 0 ? pick("GET", "PUT", "PATCH", "DELETE", "POST", "OPTIONS", "HEAD") : endpoint.method();
        String good = endpoint.goodBody().apply(random);
        byte[] body = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> good == null ? null : mutate(good).getBytes(StandardCharsets.UTF_8);
            case 2 -> badJson().getBytes(StandardCharsets.UTF_8);
            default -> random.nextBoolean() ? invalidUtf8() : hugeOrDeep().getBytes(StandardCharsets.UTF_8);
        };
        String contentType = random.nextInt(3) == 0 ? pick("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json; charset=ISO-8859-1", "application/xml", "", "application/json;;;", "*/*") : "application/json";
        Map<String, String> headers = random.nextInt(4) == 0
                ? Map.of(pick("X-Client-Token", "X-CSRF-Token", "Accept"), pick("", "x".repeat(5000), "\u00e9t\u00e9", "../../etc/passwd", "text/html"))
                : Map.of();
        return new BadRequest(method, endpoint.path().apply(random), contentType, body, headers);
    }

    private String channel(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "view:fuzz:item:added";
            case 1 -> pick("controller:fuzz:a:b", "model:x:y:z", "view:system:notification:global", "view:helloClusterTodo:list:changed");
            case 2 -> pick("view", "view:", "view:a", "view:a:b", "view::b:c", "*", "view:*", "view:a:*", "VIEW:a:b:c", "views:a:b:c");
            case 3 -> "view:" + "a".repeat(r.nextInt(400)) + ":b:c";
            case 4 -> "view:a:b:" + oddText(r);
            case 5 -> "view" + ":x".repeat(r.nextInt(40));
            default -> oddText(r);
        };
    }

    private String id(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> TODO_ID;
            case 1 -> "f".repeat(r.nextInt(100));
            case 2 -> oddText(r);
            case 3 -> "1".repeat(24) + "zz";
            default -> Long.toString(r.nextLong());
        };
    }

    private String oddText(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> "\u0000\u0001\u001f";
            case 1 -> "\u202eevil\u202c";
            case 2 -> "😀🏳️‍🌈" + "\u0301".repeat(50);
            case 3 -> "\uffff\ufffe\ufeff";
            case 4 -> "<script>alert(1)</script>";
            case 5 -> "../../../etc/passwd";
            case 6 -> "%00%zz%";
            case 7 -> "a b\tc\nd";
            default -> "x".repeat(r.nextInt(3000));
        };
    }

    /** A well-formed body with one field given the wrong type or an odd value. */
    private String mutate(String good) {
        String value = pick("null", "true", "0", "-1", "1e999999", "123456789012345678901234567890", "\"\"", "[]", "{}",
                "\"" + "x".repeat(70_000) + "\"", "\"\\ud800\"", "\"\\u0000\"", "\"" + "é".repeat(30_000) + "\"", "[[[[[]]]]]",
                "{\"uuid\":{}}", "\"💥\"");
        String key = pick("data", "title", "user", "uuid", "omitSelf", "message", "level", "requestId", "channel", "username", "password",
                "since", "__proto__", "");
        if (good.startsWith("[")) {
            return random.nextBoolean() ? "[" + value + "]" : "[" + good.substring(1, good.length() - 1).replace("{}", value) + "]";
        }
        return "{" + "\"" + key + "\":" + value + "," + good.substring(1);
    }

    private String badJson() {
        return pick("", " ", "{", "}", "[", "{\"data\":", "{\"data\":{}", "{\"data\":{}}}", "{'data':{}}", "{data:{}}",
                "{\"data\":{}} trailing", "null", "true", "42", "\"string\"", "[]", "{\"a\":1,\"a\":2}", "{\"data\":NaN}",
                "{\"data\":{\"n\":01}}", "{\"data\":{\"s\":\"\\x41\"}}", "\ufeff{\"data\":{}}", "{\"data\":{}}\u0000",
                "/* comment */ {\"data\":{}}", "{\"data\":[" + "1,".repeat(20_000) + "1]}");
    }

    private String hugeOrDeep() {
        int depth = pick(63, 65, 200, 2_000, 10_000);
        return switch (random.nextInt(3)) {
            case 0 -> "{\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            case 1 -> "{\"data\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
            default -> "{\"data\":{\"s\":\"" + "y".repeat(pick(65_000, 70_000, 200_000, 1_100_000)) + "\"}}";
        };
    }

    private byte[] invalidUtf8() {
        byte[] prefix = "{\"data\":{\"s\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        byte[] suffix = "\"}}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(bad, 0, body, prefix.length, bad.length);
        System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
        return body;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
