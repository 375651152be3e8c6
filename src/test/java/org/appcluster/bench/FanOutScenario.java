package org.appcluster.bench;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Scenarios 1 and 2 on one target: subscribers spread evenly over both nodes and over
 * {@code channels} channels (1 channel: one hot channel), REST publishes spread over both nodes,
 * the rate stepped up after an unreported warm-up at the first rate. Each step reports
 * deliveries per second, latency from the publish call to the frame arriving, loss, and the
 * nodes' CPU per delivery.
 */
record FanOutScenario(BenchTarget target, BenchSockets sockets, BenchResults results) {

    static final String FAN_OUT = "1. fan-out";
    static final String HOT_CHANNEL = "2. one hot channel";

    void run(String name, int subscribers, int channels, List<Integer> rates, Duration step, Duration warmUp) {
        Subscribers subscribed = Subscribers.open(target, sockets, subscribers, i -> channel(name, i % channels));
        int perChannel = subscribers / channels;
        RestPublisher publisher = RestPublisher.broadcasts(100);
        LoadSteps steps = new LoadSteps(sockets, ProcessCpu.of(target.nodeProcesses()), JitCpu.of(target.jvmPids()));
        // Unreported: a JVM's first step would otherwise measure its JIT compiling, not its serving.
        System.out.println("[bench] " + name + " " + target.name() + ": warm-up of " + warmUp.toSeconds() + " s at "
                + rates.get(0) + " publish/s");
        IntFunction<URI> publishTo = i -> target.publishUri(i, channel(name, i % channels));
        reportCloses(name, "warm-up", steps.run(publisher, perChannel, () -> publisher.run(rates.get(0), warmUp, publishTo)));
        for (int rate : rates) {
            LoadSteps.Step measured = steps.run(publisher, perChannel, () -> publisher.run(rate, step, publishTo));
            reportCloses(name, rate + " publish/s", measured);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("target", target.name());
            row.put("publish/s", rate);
            row.put("offered deliveries/s", rate * perChannel);
            row.put("subscribers", subscribers);
            row.put("channels", channels);
            row.put("connects/s", subscribed.connectsPerSecond());
            row.putAll(measured.deliveries());
            row.put("publish errors", measured.errors());
            row.put("generator skipped", measured.skipped());
            row.put("sockets closed", measured.socketsClosed());
            row.put("missed signals", measured.missedSignals());
            row.put("server CPU µs/delivery", measured.cpuMicrosPerDelivery());
            row.put("JIT % of server CPU", measured.jitPercentOfCpu());
            results.add(name, row);
        }
        subscribed.close();
    }

    /** A closed subscriber is a loss to explain: say why the sockets closed, as the client saw it. */
    private void reportCloses(String name, String when, LoadSteps.Step measured) {
        if (measured.socketsClosed() > 0) {
            System.out.println("[bench] " + name + " " + target.name() + ": " + measured.socketsClosed() + " sockets closed during "
                    + when + "; causes so far: " + sockets.closeCauses());
        }
    }

    private static String channel(String scenario, int index) {
        return "view:bench:" + scenario.replaceAll("[^a-z]", "") + index + ":tick";
    }
}
