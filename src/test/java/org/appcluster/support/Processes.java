package org.appcluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starting and stopping the processes the tests use: politely, then by force. */
public final class Processes {

    private Processes() {
    }

    /** A launcher script's children (a server's JVM) are ended with it if they outlive it. */
    public static void stop(Process process, int graceSeconds) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            for (ProcessHandle child : children) {
                try {
                    child.onExit().get(graceSeconds, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    child.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs a command to its end and returns what it printed, errors included. One still running
     * after 60 s (a {@code jcmd} whose JVM does not answer) is killed, and that is an error: the
     * output goes to a file, so a command that never closes its output cannot hold the caller.
     */
    public static String output(List<String> command) {
        Path printed = null;
        try {
            printed = Files.createTempFile("command-output", ".txt");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(printed.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s; it printed: "
                        + Files.readString(printed, StandardCharsets.UTF_8));
            }
            return Files.readString(printed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (printed != null) {
                printed.toFile().delete();
            }
        }
    }

    /**
     * Starts a proxy in front of the test nodes, its output to {@code log}, and waits until it
     * answers {@code probe} with 200; one that exits meanwhile fails the test, naming its log.
     */
    public static Process startProxy(String what, List<String> command, Path log, URI probe) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Waits.until(what + " to answer " + probe + " (log: " + log + ")", Duration.ofSeconds(20), () -> {
            if (!process.isAlive()) {
                throw new AssertionError(what + " exited; see " + log);
            }
            return Http.getStatus(probe) == 200;
        });
        return process;
    }
}
