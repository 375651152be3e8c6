package org.appcluster.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.appcluster.support.TestPaths;

/**
 * The benchmark: {@code mvn -B verify -Pbench} (or {@code bin/bench}). Starts its own Redis,
 * MongoDB, two nodes of ours and, unless {@code -Dbench.peer=false}, two Socket.IO nodes as the
 * peer; runs the scenarios with a load generator in this JVM, the fan-out and connect scenarios
 * once per target, one target at a time; prints each row as it is measured, and writes
 * {@code target/bench/results.json}, {@code results.md} and {@code fanout.svg}. Reports
 * figures; a smoke run also fails on any fan-out loss or publish error.
 */
public final class Benchmark {

    private Benchmark() {
    }

    /** {@code -Dbench.scenarios=1,3} runs only those; all six by default. */
    private static boolean wanted(String scenario) {
        return List.of(System.getProperty("bench.scenarios", "1,2,3,4,5,6").split(",")).contains(scenario);
    }

    public static void main(String[] args) {
        List<String> failures;
        try {
            failures = run();
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        if (!failures.isEmpty()) {
            System.out.println("[bench] FAILED: the smoke run lost deliveries or had publishes or writes fail:");
            failures.forEach(failure -> System.out.println("[bench]   " + failure));
            System.exit(1);
        }
        // Lettuce and Netty leave non-daemon threads behind; the run is over.
        System.exit(0);
    }

    private static List<String> run() {
        Scale scale = Scale.of(System.getProperty("bench.scale", "full"));
        boolean withPeer = Boolean.parseBoolean(System.getProperty("bench.peer", "true"));
        BenchResults results = new BenchResults();
        results.environment("date", LocalDate.now());
        results.environment("scale", scale.name());
        results.environment("fan-out warm-up", scale.warmUp().toSeconds() + " s per target");
        results.environment("cpus", Runtime.getRuntime().availableProcessors());
        results.environment("java", System.getProperty("java.version"));
        results.environment("node JVM", String.join(" ", BenchCluster.nodeJvm()));
        try (BenchCluster cluster = BenchCluster.start(Boolean.getBoolean("bench.jfr"));
             SocketIoTarget peer = withPeer ? SocketIoTarget.start(cluster.redis.uri()) : null;
             BenchSockets sockets = new BenchSockets()) {
            List<BenchTarget> targets = new ArrayList<>(List.of(new AppClusterTarget(cluster)));
            if (peer != null) {
                targets.add(peer);
                results.environment("peer", PeerInstall.versions());
            }
            results.environment("targets", targets.stream().map(BenchTarget::name).toList());
            for (BenchTarget target : targets) {
                FanOutScenario fanOut = new FanOutScenario(target, sockets, results);
                if (wanted("1")) {
                    fanOut.run(FanOutScenario.FAN_OUT, scale.fanOutSubscribers(), scale.fanOutChannels(), scale.fanOutRates(), scale.step(), scale.warmUp());
                }
            }
            for (BenchTarget target : targets) {
                if (wanted("2")) {
                    new FanOutScenario(target, sockets, results).run(FanOutScenario.HOT_CHANNEL, scale.hotSubscribers(), 1, scale.hotRates(), scale.step(), scale.warmUp());
                }
            }
            if (wanted("3")) {
                new ConnectionsScenario(cluster, sockets, results).run(scale.maxConnections(), scale.connectionBatch());
            }
            if (wanted("4")) {
                new WritePathScenario(cluster, sockets, results).run(scale.writeSubscribers(), scale.writeRates(), scale.step());
            }
            if (wanted("5")) {
                new BrokerHopScenario(cluster, sockets, results).run(scale.hop());
            }
            for (BenchTarget target : targets) {
                if (wanted("6")) {
                    new ConnectScenario(target, sockets, results).run(scale.connectSockets());
                }
            }
        }
        write(results);
        return scale.failsOnLoss() ? lossFailures(results) : List.of();
    }

    private static void write(BenchResults results) {
        Path out = Path.of(TestPaths.buildDir(), "bench");
        results.write(out.resolve("results.json"), out.resolve("results.md"));
        System.out.println(results.table());
        String charted = results.rows(FanOutScenario.FAN_OUT).isEmpty() ? FanOutScenario.HOT_CHANNEL : FanOutScenario.FAN_OUT;
        List<Map<String, Object>> rows = results.rows(charted);
        if (!rows.isEmpty()) {
            FanOutChart.write(out.resolve("fanout.svg"), charted + ": " + rows.get(0).get("subscribers") + " subscribers over "
                    + rows.get(0).get("channels") + " channels", rows);
        }
        System.out.println("[bench] written to " + out.resolve("results.json") + ", results.md and fanout.svg");
    }

    private static List<String> lossFailures(BenchResults results) {
        List<String> failures = new ArrayList<>();
        for (String scenario : List.of(FanOutScenario.FAN_OUT, FanOutScenario.HOT_CHANNEL, WritePathScenario.NAME)) {
            failures.addAll(LossVerdict.failures(scenario, results.rows(scenario)));
        }
        return failures;
    }
}
