package org.appcluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a node's JVM holds, read from outside as an operator would: heap after a full collection
 * ({@code jcmd}), resident memory, threads and open file descriptors ({@code /proc}).
 */
public final class JvmFigures {

    /** G1's one heap line, or Serial's two generation lines: their "used" figures add up to the heap. */
    private static final Pattern USED = Pattern.compile("(?:heap|generation)\\s+total\\s+\\d+K, used (\\d+)K");

    /** {@code num: #instances #bytes class-name (module)}, one row of a class histogram. */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(\\S+)");

    private JvmFigures() {
    }

    /** The node's JVM: the node's own process, or on WildFly the JVM its launcher script started. */
    public static long jvmPid(ServerNode node) {
        ProcessHandle process = ProcessHandle.of(node.pid()).orElseThrow();
        return process.descendants()
                .filter(child -> child.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElse(process).pid();
    }

    /** Heap in use after a full collection, in bytes (jcmd GC.run, then GC.heap_info). */
    public static long heapAfterGc(long pid) {
        jcmd(pid, "GC.run");
        Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
        long bytes = 0;
        boolean found = false;
        while (used.find()) {
            bytes += Long.parseLong(used.group(1)) * 1024;
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap figure from jcmd " + pid + " GC.heap_info");
        }
        return bytes;
    }

    /** Resident memory, in bytes. */
    public static long rss(long pid) {
        return statusField(pid, "VmRSS:") * 1024;
    }

    public static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    public static long openFiles(long pid) {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return descriptors.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Live instances of each class named, after the full collection {@code GC.class_histogram}
     * makes; a class with none is 0.
     */
    public static Map<String, Long> liveInstances(long pid, Set<String> classNames) {
        Map<String, Long> counts = new HashMap<>();
        classNames.forEach(name -> counts.put(name, 0L));
        Matcher row = HISTOGRAM_ROW.matcher(jcmd(pid, "GC.class_histogram"));
        while (row.find()) {
            counts.computeIfPresent(row.group(2), (name, zero) -> Long.parseLong(row.group(1)));
        }
        return counts;
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jcmd(long pid, String command) {
        return Processes.output(List.of(System.getProperty("java.home") + "/bin/jcmd", String.valueOf(pid), command));
    }
}
