package org.appcluster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a smoke run fails on: any fan-out row, of any target, that lost a delivery or had a
 * publish fail. At smoke load either means the harness or a server is broken.
 */
final class LossVerdict {

    private LossVerdict() {
    }

    /** One line per failing row, saying which and why; empty when every row is clean. */
    static List<String> failures(String scenario, List<Map<String, Object>> rows) {
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            long lost = count(row, "lost");
            long errors = count(row, "publish errors");
            if (lost > 0 || errors > 0) {
                failures.add(scenario + ", " + row.get("target") + ", " + row.get("publish/s") + " publish/s: "
                        + lost + " deliveries lost, " + errors + " publish errors");
            }
        }
        return failures;
    }

    private static long count(Map<String, Object> row, String column) {
        return row.get(column) instanceof Number n ? n.longValue() : 0;
    }
}
