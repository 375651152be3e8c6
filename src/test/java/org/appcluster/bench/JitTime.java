package org.appcluster.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.appcluster.support.Processes;

/**
 * Time HotSpot's JIT compilers spent in a set of JVMs, from their {@code java.ci.totalTime}
 * performance counter (read with {@code jcmd PerfCounter.print}): how much of a step's server
 * CPU went to compiling rather than serving. It is the compilations' elapsed time, which equals
 * their CPU time while the compiler threads are not starved of a core.
 */
final class JitTime {

    private static final Pattern TOTAL = Pattern.compile("(?:java|sun)\\.ci\\.totalTime=(\\d+)");
    private static final Pattern FREQUENCY = Pattern.compile("sun\\.os\\.hrt\\.frequency=(\\d+)");

    private final List<Long> jvmPids;

    private JitTime(List<Long> jvmPids) {
        this.jvmPids = jvmPids;
    }

    /** The JVMs of a target; none (the peer runs on Node.js) measures nothing. */
    static JitTime of(List<Long> jvmPids) {
        return new JitTime(jvmPids);
    }

    /** Compiling time so far, summed over the JVMs; -1 when there are none to ask. */
    long nanos() {
        if (jvmPids.isEmpty()) {
            return -1;
        }
        long nanos = 0;
        for (long pid : jvmPids) {
            String counters = Processes.output(List.of(System.getProperty("java.home") + "/bin/jcmd", String.valueOf(pid), "PerfCounter.print"));
            nanos += Math.round(counter(TOTAL, counters) * 1e9 / counter(FREQUENCY, counters));
        }
        return nanos;
    }

    /** The share of {@code cpuNanos} that compiling took, in percent to a tenth; "n/a" without JVMs. */
    static Object percentOf(long jitNanos, long cpuNanos) {
        return jitNanos < 0 || cpuNanos <= 0 ? "n/a" : Math.round(jitNanos * 1000.0 / cpuNanos) / 10.0;
    }

    private static long counter(Pattern pattern, String counters) {
        Matcher matcher = pattern.matcher(counters);
        if (!matcher.find()) {
            throw new IllegalStateException("jcmd PerfCounter.print gave no " + pattern.pattern());
        }
        return Long.parseLong(matcher.group(1));
    }
}
