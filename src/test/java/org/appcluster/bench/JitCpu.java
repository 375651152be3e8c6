package org.appcluster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the JIT compiler threads (HotSpot's "C1/C2 CompilerThread"s) of a set of JVMs,
 * from {@code /proc/<pid>/task/<tid>/stat}: how much of a step's server CPU went to compiling
 * rather than serving. Counted per thread between two readings, so a compiler thread that starts
 * and ends within a step is missed: a lower bound.
 */
final class JitCpu {

    private final List<Long> jvmPids;

    private JitCpu(List<Long> jvmPids) {
        this.jvmPids = jvmPids;
    }

    /** The JVMs of a target; none (the peer runs on Node.js) measures nothing. */
    static JitCpu of(List<Long> jvmPids) {
        return new JitCpu(jvmPids);
    }

    boolean measures() {
        return !jvmPids.isEmpty();
    }

    /** Clock ticks used so far by each compiler thread now alive, by "pid/tid". */
    Map<String, Long> read() {
        Map<String, Long> ticks = new HashMap<>();
        for (long pid : jvmPids) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
                tasks.forEach(task -> compilerTicks(task).ifPresent(t -> ticks.put(pid + "/" + task.getFileName(), t)));
            } catch (IOException e) {
                // the node is gone: nothing more to count
            }
        }
        return ticks;
    }

    /** Nanoseconds of compiling between two readings, over the threads alive at both. */
    static long nanosBetween(Map<String, Long> before, Map<String, Long> after) {
        long ticks = 0;
        for (Map.Entry<String, Long> thread : after.entrySet()) {
            Long earlier = before.get(thread.getKey());
            if (earlier != null) {
                ticks += thread.getValue() - earlier;
            }
        }
        return ticks * ProcessCpu.NANOS_PER_TICK;
    }

    /** The share of {@code cpuNanos} that compiling took, in percent to a tenth; "n/a" without JVMs. */
    static Object percentOf(long jitNanos, long cpuNanos) {
        return jitNanos < 0 || cpuNanos <= 0 ? "n/a" : Math.round(jitNanos * 1000.0 / cpuNanos) / 10.0;
    }

    private static java.util.Optional<Long> compilerTicks(Path task) {
        try {
            String comm = Files.readString(task.resolve("comm")).trim();
            if (!comm.startsWith("C1 CompilerThre") && !comm.startsWith("C2 CompilerThre")) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(ProcessCpu.ticks(task.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // the thread ended meanwhile
        }
    }
}
