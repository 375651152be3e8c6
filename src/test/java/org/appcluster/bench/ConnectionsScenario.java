package org.appcluster.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.appcluster.support.JvmFigures;

/**
 * Scenario 3: idle sockets (connected, welcomed, no subscription) on one node, opened in batches
 * up to the scale's maximum or until the node refuses; heap after a full GC and resident memory
 * per connection, measured against the node before the first batch.
 */
record ConnectionsScenario(BenchCluster cluster, BenchSockets sockets, BenchResults results) {

    void run(int max, int batch) {
        long heapBefore = JvmFigures.heapAfterGc(JvmFigures.jvmPid(cluster.a));
        long rssBefore = JvmFigures.rss(JvmFigures.jvmPid(cluster.a));
        List<BenchSockets.Socket> opened = new ArrayList<>();
        String stoppedBy = "";
        while (opened.size() < max) {
            try {
                opened.addAll(sockets.open(cluster.socketUri(cluster.a), ClientProtocol.JPULSE, Math.min(batch, max - opened.size()), null));
            } catch (RuntimeException e) {
                stoppedBy = String.valueOf(e.getCause() == null ? e : e.getCause());
                break;
            }
            if (opened.size() % (batch * 5) == 0 || opened.size() == max) {
                record(opened.size(), heapBefore, rssBefore, "");
            }
        }
        if (!stoppedBy.isEmpty()) {
            record(opened.size(), heapBefore, rssBefore, stoppedBy);
        }
        sockets.closeAll(opened);
    }

    private void record(int connections, long heapBefore, long rssBefore, String note) {
        long heap = JvmFigures.heapAfterGc(JvmFigures.jvmPid(cluster.a));
        long rss = JvmFigures.rss(JvmFigures.jvmPid(cluster.a));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("connections", connections);
        row.put("heap after GC MB", Math.round(heap / 1e6));
        row.put("heap KB/conn", Math.round((heap - heapBefore) / 1024.0 / connections * 10) / 10.0);
        row.put("RSS MB", Math.round(rss / 1e6));
        row.put("RSS KB/conn", Math.round((rss - rssBefore) / 1024.0 / connections * 10) / 10.0);
        if (!note.isEmpty()) {
            row.put("stopped by", note);
        }
        results.add("3. idle connections on one node", row);
    }
}
