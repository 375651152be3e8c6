package org.appcluster.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big each scenario is. {@code full} is what the README reports; {@code smoke} runs every
 * scenario small and quickly, so CI can check that the benchmark still works. Fan-out rates are
 * publishes a second; times the subscribers per channel, they are the deliveries offered.
 */
record Scale(String name, int fanOutSubscribers, int fanOutChannels, List<Integer> fanOutRates,
             int hotSubscribers, List<Integer> hotRates, int maxConnections, int connectionBatch,
             int writeSubscribers, List<Integer> writeRates, int connectSockets, Duration step, Duration warmUp, Duration hop) {

    /**
     * Before a fan-out scenario's measured steps, each target serves its first rate this long,
     * unreported. Our nodes' JIT compilers took 39-42 % of their CPU in the first steps after a
     * 10 s warm-up (Payara, 2026-12-06), so the rows measured compiling, not serving: a minute
     * takes most of that out of the figures of both targets.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(60);

    /**
     * The named scale, with {@code -Dbench.fanout.rates=100,200} (publish/s of scenario 1) and
     * {@code -Dbench.step.seconds=60} overriding its steps, to hold one load long enough to profile,
     * and {@code -Dbench.warmup.seconds=10} its fan-out warm-up.
     */
    static Scale of(String name) {
        Scale scale = named(name);
        String rates = System.getProperty("bench.fanout.rates", "");
        String stepSeconds = System.getProperty("bench.step.seconds", "");
        String warmUpSeconds = System.getProperty("bench.warmup.seconds", "");
        return new Scale(scale.name, scale.fanOutSubscribers, scale.fanOutChannels,
                rates.isBlank() ? scale.fanOutRates : java.util.Arrays.stream(rates.split(",")).map(r -> Integer.valueOf(r.trim())).toList(),
                scale.hotSubscribers, scale.hotRates, scale.maxConnections, scale.connectionBatch, scale.writeSubscribers,
                scale.writeRates, scale.connectSockets,
                stepSeconds.isBlank() ? scale.step : Duration.ofSeconds(Long.parseLong(stepSeconds.trim())),
                warmUpSeconds.isBlank() ? scale.warmUp : Duration.ofSeconds(Long.parseLong(warmUpSeconds.trim())), scale.hop);
    }

    private static Scale named(String name) {
        return switch (name) {
            // Fan-out: 100 subscribers a channel, so 2,500 to 40,000 deliveries/s offered.
            case "full" -> new Scale(name, 1_000, 10, List.of(25, 50, 100, 200, 400), 10_000, List.of(1, 2, 5, 10),
                    Math.min(20_000, fileLimit() - 1_000), 2_000, 1_000, List.of(20, 50, 100, 200),
                    Math.min(10_000, fileLimit() - 1_000), Duration.ofSeconds(10), WARM_UP, Duration.ofSeconds(10));
            case "smoke" -> new Scale(name, 100, 10, List.of(10, 20), 200, List.of(5), 500, 250,
                    50, List.of(10), 200, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
            default -> throw new IllegalArgumentException("bench.scale must be full or smoke, not " + name);
        };
    }

    /**
     * A smoke run checks that the benchmark works, so a lost delivery or a failed publish there
     * fails it: at that load it means a broken harness or server. Full scale only reports.
     */
    boolean failsOnLoss() {
        return name.equals("smoke");
    }

    /**
     * The file-descriptor limit this process (and the nodes it starts) got: idle connections stop
     * a thousand below it, leaving room for the node's own files and sockets.
     */
    private static int fileLimit() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return (int) Math.min(Integer.MAX_VALUE, unix.getMaxFileDescriptorCount());
        }
        return 21_000;
    }
}
