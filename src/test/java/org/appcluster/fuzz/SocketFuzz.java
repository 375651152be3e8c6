package org.appcluster.fuzz;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.appcluster.support.JsonWebSocket;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;

/**
 * Bad frames on a few sockets over both nodes, for any socket of the jPulse protocols (the
 * broadcast socket, a namespace): after each input the node must answer a ping with its pong,
 * every error frame on the way must carry a code, and a socket it closes must get a refusal's
 * close code. What went wrong lands in the caller's list of failures.
 */
final class SocketFuzz {

    /** Unsupported data (binary), invalid payload, policy violation, message too big. */
    private static final Set<Integer> REFUSAL_CLOSE_CODES = Set.of(1003, 1007, 1008, 1009);
    /** A little over the sockets' rate-limit interval (1 s). */
    private static final Duration RATE_INTERVAL = Duration.ofMillis(1100);
    private static final String PING = "{\"type\":\"ping\"}";

    private final List<String> failures;
    private final Map<String, Integer> outcomes = new TreeMap<>();

    SocketFuzz(List<String> failures) {
        this.failures = failures;
    }

    /** Counts by outcome: error codes, close codes. */
    Map<String, Integer> outcomes() {
        return outcomes;
    }

    /**
     * Sends {@code inputs} frames from {@code frames} over {@code sockets} sockets that {@code open}
     * makes on the nodes in turn (a closed one is replaced), then 300 pings at once on one; returns
     * the sockets still open, with everything the nodes had to say on them read.
     */
    <S extends JsonWebSocket> List<S> run(List<ServerNode> nodes, Function<ServerNode, S> open,
                                          Supplier<BadFrames.BadFrame> frames, int inputs, int sockets) {
        List<S> opened = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            opened.add(open.apply(nodes.get(i % nodes.size())));
        }
        for (int i = 0; i < inputs; i++) {
            int slot = i % sockets;
            BadFrames.BadFrame frame = frames.get();
            JsonWebSocket socket = opened.get(slot);
            try {
                frame.sendOn(socket);
            } catch (RuntimeException e) {
                // The node may close the socket while the frame is still going out; the close code says why.
            }
            if (!settled(socket, frame.describe())) {
                opened.set(slot, open.apply(nodes.get(slot % nodes.size())));
            }
        }
        S flooded = opened.get(0);
        for (int i = 0; i < 300; i++) {
            flooded.send(PING);
        }
        settled(flooded, "300 pings at once");
        List<S> survivors = opened.stream().filter(JsonWebSocket::isOpen).toList();
        survivors.forEach(this::drain);
        return survivors;
    }

    /**
     * Reads what the node answered, up to the pong of a ping sent after it, checking each frame;
     * false when the node closed the socket (with a refusal's close code, or it is a failure).
     */
    private boolean settled(JsonWebSocket socket, String input) {
        long deadline = System.nanoTime() + SocketClient.TIMEOUT.toNanos();
        long pingSentAt = 0;
        boolean pingSent = false;
        while (System.nanoTime() < deadline) {
            if (socket.closeCode() != null) {
                int code = socket.closeCode();
                outcomes.merge("closed " + code, 1, Integer::sum);
                if (!REFUSAL_CLOSE_CODES.contains(code)) {
                    failures.add("socket closed with " + code + " after " + input);
                }
                return false;
            }
            // A ping the socket's rate limit dropped gets no pong: ask again after the limit's
            // interval, even while other frames to the socket keep arriving.
            if (!pingSent || System.nanoTime() - pingSentAt > RATE_INTERVAL.toNanos()) {
                try {
                    socket.send(PING);
                    pingSent = true;
                    pingSentAt = System.nanoTime();
                } catch (RuntimeException e) {
                    continue; // closing: the next round reads the close code
                }
            }
            JsonObject answer = socket.poll(Duration.ofMillis(200));
            if (answer == null) {
                continue;
            }
            if (!answer.getBoolean("success", false)) {
                checkError(answer, input);
            } else if ("pong".equals(answer.getJsonObject("data").getString("type", ""))) {
                return true;
            }
        }
        failures.add("no answer within " + SocketClient.TIMEOUT.toSeconds() + " s after " + input);
        return socket.isOpen();
    }

    /** Reads and checks whatever the node still had to say on the socket. */
    private void drain(JsonWebSocket socket) {
        settled(socket, "the fuzz (answers still arriving)");
        for (JsonObject left = socket.poll(Duration.ofMillis(300)); left != null; left = socket.poll(Duration.ofMillis(300))) {
            if (!left.getBoolean("success", false)) {
                checkError(left, "the fuzz");
            }
        }
    }

    private void checkError(JsonObject frame, String input) {
        String code = frame.getString("code", "");
        outcomes.merge(code.isEmpty() ? "error without code" : code, 1, Integer::sum);
        if (code.isEmpty()) {
            failures.add("an error frame without a code after " + input + ": " + frame);
        }
    }
}
