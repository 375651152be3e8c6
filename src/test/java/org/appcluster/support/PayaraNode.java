package org.appcluster.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.json.JsonObject;

/**
 * One application-server node: a Payara Micro process serving the built WAR on a free port, with
 * its log under {@code target/nodes}. Stopped by its own PID.
 */
public final class PayaraNode implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final int port;
    private final File log;
    private final List<String> command;
    private Process process;

    private PayaraNode(String name, int port, File log, List<String> command) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.command = command;
        this.process = start();
    }

    /** Starts the process; {@link #awaitReady()} waits until it serves. */
    public static PayaraNode launch(String name, Map<String, String> systemProperties) {
        File logDir = new File(TestPaths.buildDir(), "nodes");
        logDir.mkdirs();
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-Dcluster.instance-id=" + name));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", TestPaths.payaraMicroJar(), "--deploy", TestPaths.war(),
                "--port", String.valueOf(port), "--nocluster", "--rootDir", rootDir(logDir, name).getPath(),
                "--postbootcommandfile", TestPaths.postBootCommands()));
        File log = new File(logDir, name + ".log");
        log.delete();
        return new PayaraNode(name, port, log, command);
    }

    private Process start() {
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the node and starts it again on the same port, as an operator's restart would. */
    public PayaraNode restart() {
        close();
        process = start();
        return awaitReady();
    }

    public PayaraNode awaitReady() {
        Waits.until("node " + name + " serving on port " + port + " (log: " + log + ")", STARTUP_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("node " + name + " exited; see " + log);
            }
            return Http.getStatus(uri("/api/1/app-cluster/broadcast/status")) == 200;
        });
        return this;
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI socketUri(String query) {
        return URI.create("ws://127.0.0.1:" + port + "/api/1/ws/jp-broadcast" + query);
    }

    public JsonObject status() {
        return Http.getJson(uri("/api/1/app-cluster/broadcast/status")).body().getJsonObject("data");
    }

    public boolean redisAvailable() {
        return status().getBoolean("redisAvailable");
    }

    public File log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** Ends the process at once (SIGKILL): no shutdown hooks, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Processes.stop(process, 30);
    }

    private static File rootDir(File logDir, String name) {
        try {
            return Files.createTempDirectory(logDir.toPath(), name + "-root").toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
