package org.appcluster.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A node's log from where one start began (a restarted node appends to the same file), read a
 * little further each time it is asked whether the server has said it is ready.
 */
final class StartupLog {

    /** Payara Micro's last boot line, and WildFly's "started" (with or without errors). */
    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in|WFLYSRV002[56]");
    /** Payara Micro's line when its boot failed (a port taken, say): its JVM may stay up after it. */
    private static final Pattern FAILED = Pattern.compile("Failed to start, exiting");
    /** What the last of a line split between two reads can need to match: longer than any pattern. */
    private static final int CARRY = 256;

    private final Path file;
    private final long start;
    private long position;
    private String carry = "";

    StartupLog(Path file) {
        this.file = file;
        this.start = size(file);
        this.position = start;
    }

    /** Whether the server said it is ready; throws once it said it failed to start. */
    boolean readyLogged() {
        long end = size(file);
        String text = carry + read(position, end);
        position = end;
        if (FAILED.matcher(text).find()) {
            throw new AssertionError("the server logged that it failed to start; see " + file);
        }
        if (READY.matcher(text).find()) {
            return true;
        }
        carry = text.substring(Math.max(0, text.length() - CARRY));
        return false;
    }

    /** Everything this start has logged so far. */
    String text() {
        return read(start, size(file));
    }

    private String read(long from, long to) {
        if (to <= from) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) (to - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
