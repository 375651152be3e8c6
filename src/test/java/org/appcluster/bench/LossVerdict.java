package org.appcluster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a smoke run fails on: any fan-out or write-path row, of any target, that lost a delivery
 * or had a publish or a write fail. At smoke load either means the harness or a server is broken
 * (or, as once, a limit the benchmark's nodes should have lifted).
 */
final class LossVerdict {

    private LossVerdict() {
    }

    /** One line per failing row, saying which and why; empty when every row is clean. */
    static List<String> failures(String scenario, List<Map<String, Object>> rows) {
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            long lost = count(row, "lost");
            boolean publishRow = row.containsKey("publish/s");
            String errorKind = publishRow ? "publish errors" : "write errors";
            long errors = count(row, errorKind);
            if (lost > 0 || errors > 0) {
                String step = publishRow ? row.get("target") + ", " + row.get("publish/s") + " publish/s"
                        : row.get("creates/s offered") + " creates/s";
                failures.add(scenario + ", " + step + ": " + lost + " deliveries lost, " + errors + " " + errorKind);
            }
        }
        return failures;
    }

    private static long count(Map<String, Object> row, String column) {
        return row.get(column) instanceof Number n ? n.longValue() : 0;
    }
}
