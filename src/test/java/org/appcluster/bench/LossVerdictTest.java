package org.appcluster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossVerdictTest {

    @Test
    void namesEveryRowThatLostOrFailedAndNoOther() {
        List<String> failures = LossVerdict.failures("1. fan-out", List.of(
                Map.of("target", "socket.io", "publish/s", 10, "lost", 0L, "publish errors", 0L),
                Map.of("target", "socket.io", "publish/s", 20, "lost", 5L, "publish errors", 0L),
                Map.of("target", "app-cluster (payara)", "publish/s", 20, "lost", 0L, "publish errors", 2L)));
        assertEquals(List.of("1. fan-out, socket.io, 20 publish/s: 5 deliveries lost, 0 publish errors",
                "1. fan-out, app-cluster (payara), 20 publish/s: 0 deliveries lost, 2 publish errors"), failures);
    }

    @Test
    void namesAWritePathRowWhoseWritesFailed() {
        List<String> failures = LossVerdict.failures(WritePathScenario.NAME, List.of(
                Map.of("creates/s offered", 10, "lost", 0L, "write errors", 0L),
                Map.of("creates/s offered", 20, "lost", 0L, "write errors", 3L)));
        assertEquals(List.of(WritePathScenario.NAME + ", 20 creates/s: 0 deliveries lost, 3 write errors"), failures);
    }
}
