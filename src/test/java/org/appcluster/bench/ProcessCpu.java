package org.appcluster.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.appcluster.support.Processes;

/**
 * CPU time (user + system) a set of processes has used, from {@code /proc/<pid>/stat}: what a
 * target's nodes spent, whatever threads or runtime they have. The processes are fixed when it is
 * made; reading them is then a few small files, cheap enough to do while deliveries arrive.
 */
final class ProcessCpu {

    static final long NANOS_PER_TICK = 1_000_000_000L / clockTicksPerSecond();

    private final List<Path> statFiles;

    private ProcessCpu(List<Path> statFiles) {
        this.statFiles = statFiles;
    }

    /** These processes and their descendants as they are now. */
    static ProcessCpu of(List<ProcessHandle> processes) {
        return new ProcessCpu(processes.stream()
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                .map(process -> Path.of("/proc", String.valueOf(process.pid()), "stat"))
                .toList());
    }

    long nanos() {
        long ticks = 0;
        for (Path stat : statFiles) {
            ticks += ticks(stat);
        }
        return ticks * NANOS_PER_TICK;
    }

    /** CPU microseconds per item, to a tenth; "n/a" when there were none (JSON has no NaN). */
    static Object microsPer(long cpuNanos, long items) {
        return items <= 0 ? "n/a" : Math.round(cpuNanos / 100.0 / items) / 10.0;
    }

    /** utime + stime: fields 14 and 15, counted after the command name, which may hold spaces. */
    static long ticks(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new UncheckedIOException("a node process is gone: " + stat, e);
        }
    }

    private static long clockTicksPerSecond() {
        String ticks = Processes.output(List.of("getconf", "CLK_TCK")).trim();
        return ticks.matches("\\d+") ? Long.parseLong(ticks) : 100;
    }
}
