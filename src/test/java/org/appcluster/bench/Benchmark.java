package org.appcluster.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.appcluster.support.TestPaths;

/**
 * The benchmark: {@code mvn -B verify -Pbench} (or {@code bin/bench}). Starts its own Redis,
 * MongoDB and two Payara Micro nodes, runs the five scenarios with a load generator in this JVM,
 * prints each row as it is measured, and writes {@code target/bench/results.json} and
 * {@code results.md}. Reports figures; judges nothing.
 */
public final class Benchmark {

    private Benchmark() {
    }

    /** {@code -Dbench.scenarios=1,3} runs only those; all five by default. */
    private static boolean wanted(String scenario) {
        return List.of(System.getProperty("bench.scenarios", "1,2,3,4,5").split(",")).contains(scenario);
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        // Lettuce and Netty leave non-daemon threads behind; the run is over.
        System.exit(0);
    }

    private static void run() {
        Scale scale = Scale.of(System.getProperty("bench.scale", "full"));
        BenchResults results = new BenchResults();
        results.environment("date", LocalDate.now());
        results.environment("scale", scale.name());
        results.environment("cpus", Runtime.getRuntime().availableProcessors());
        results.environment("java", System.getProperty("java.version"));
        results.environment("node JVM", String.join(" ", BenchCluster.NODE_JVM));
        try (BenchCluster cluster = BenchCluster.start(Boolean.getBoolean("bench.jfr"));
             BenchSockets sockets = new BenchSockets()) {
            FanOutScenario fanOut = new FanOutScenario(cluster, sockets, results);
            if (wanted("1")) {
                fanOut.run("1. fan-out", scale.fanOutSubscribers(), scale.fanOutChannels(), scale.fanOutRates(), scale.step());
            }
            if (wanted("2")) {
                fanOut.run("2. one hot channel", scale.hotSubscribers(), 1, scale.hotRates(), scale.step());
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
        }
        Path out = Path.of(TestPaths.buildDir(), "bench");
        results.write(out.resolve("results.json"), out.resolve("results.md"));
        System.out.println(results.table());
        System.out.println("[bench] written to " + out.resolve("results.json") + " and results.md");
    }
}
