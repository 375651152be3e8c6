package org.appcluster.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.json.JsonObject;

/**
 * One application-server node serving the built WAR on a free port: Payara Micro, or WildFly
 * when the suite runs with {@code -Dit.server=wildfly} (the {@code wildfly} Maven profile). Its
 * log goes under {@code target/nodes}; it is stopped by its own PID.
 */
public final class ServerNode implements AutoCloseable {

    /**
     * A deadline, not a speed check: six Payara Micro nodes booting at once on two busy cores
     * (NodeStartupIT) logged ready after 171 to 179 s in one CI run.
     */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(360);
    /**
     * How long a node that has logged "ready" may take to answer its first request. A node past
     * it is taken as a failed start, not a slow one: it has been seen to stay deaf for good.
     */
    private static final Duration READY_TO_SERVING_LIMIT = Duration.ofSeconds(30);

    private final String name;
    private final int port;
    private final int healthPort;
    private final File log;
    private final ProcessBuilder command;
    private Process process;
    private StartupLog startupLog;
    private Duration readyToServing;

    private ServerNode(String name, int port, int healthPort, File log, ProcessBuilder command) {
        this.name = name;
        this.port = port;
        this.healthPort = healthPort;
        this.log = log;
        this.command = command;
        this.process = start();
    }

    /** The test nodes' JVM: small and quick to start. */
    private static final List<String> TEST_JVM = List.of("-Xmx512m", "-XX:+UseSerialGC");

    /**
     * Starts the process; {@link #awaitReady()} waits until it serves. A WildFly node keeps its
     * distribution's heap settings, as the suites have always run it.
     */
    public static ServerNode launch(String name, Map<String, String> systemProperties) {
        return launch(name, systemProperties, TEST_JVM, List.of());
    }

    /** Starts a Payara Micro (or WildFly) node whose JVM gets {@code jvmOptions}. */
    public static ServerNode launch(String name, Map<String, String> systemProperties, List<String> jvmOptions) {
        return launch(name, systemProperties, jvmOptions, jvmOptions);
    }

    private static ServerNode launch(String name, Map<String, String> systemProperties, List<String> payaraJvm,
                                     List<String> wildflyJvm) {
        File logDir = new File(TestPaths.buildDir(), "nodes");
        logDir.mkdirs();
        int port = FreePorts.next();
        Map<String, String> properties = new java.util.LinkedHashMap<>(systemProperties);
        properties.put("cluster.instance-id", name);
        File log = new File(logDir, name + ".log");
        log.delete();
        ServerKind kind = ServerKind.current();
        int healthPort = kind == ServerKind.WILDFLY ? FreePorts.next() : port;
        ProcessBuilder command = kind == ServerKind.WILDFLY
                ? WildFly.command(name, port, healthPort, properties, wildflyJvm, logDir)
                : payaraMicro(port, properties, payaraJvm);
        return new ServerNode(name, port, healthPort, log, command);
    }

    private static ProcessBuilder payaraMicro(int port, Map<String, String> properties, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", TestPaths.payaraMicroJar(), "--deploy", TestPaths.war(),
                "--port", String.valueOf(port), "--nocluster",
                "--prebootcommandfile", TestPaths.preBootCommands(), "--postbootcommandfile", TestPaths.postBootCommands()));
        return new ProcessBuilder(command);
    }

    private Process start() {
        startupLog = new StartupLog(log.toPath());
        try {
            return command
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the node and starts it again on the same port, as an operator's restart would. */
    public ServerNode restart() {
        close();
        process = start();
        return awaitReady();
    }

    /**
     * Waits until the server logs that it is ready, then until it answers HTTP. A node that says
     * it is ready but does not answer within {@link #READY_TO_SERVING_LIMIT} fails at once.
     */
    public ServerNode awaitReady() {
        Waits.until("node " + name + " to log that it is ready (log: " + log + ")", STARTUP_TIMEOUT, () -> {
            requireAlive();
            return startupLog.readyLogged();
        });
        long readyAt = System.nanoTime();
        boolean serving = Waits.reached(READY_TO_SERVING_LIMIT, () -> {
            requireAlive();
            return Http.getStatus(uri("/api/1/app-cluster/broadcast/status")) == 200;
        });
        if (!serving) {
            throw new AssertionError("node " + name + " logged that it is ready but answered no HTTP request on port " + port
                    + " within " + READY_TO_SERVING_LIMIT.toSeconds() + " s: a failed start" + listenerHint() + "; see " + log);
        }
        readyToServing = Duration.ofNanos(System.nanoTime() - readyAt);
        return this;
    }

    /** From the ready line in the log to the first answered request, for the last start. */
    public Duration readyToServing() {
        return readyToServing;
    }

    /** This start's log so far (a restarted node's file also holds the earlier starts). */
    public String startupLogText() {
        return startupLog.text();
    }

    private void requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("node " + name + " exited; see " + log);
        }
    }

    private String listenerHint() {
        return startupLog.text().contains("GrizzlyProxy is NULL")
                ? " (its log says the HTTP listener's GrizzlyProxy is NULL: a listener setting applied after boot?)" : "";
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Where the server serves MicroProfile Health: the HTTP port on Payara, management on WildFly. */
    public URI healthUri(String path) {
        return URI.create("http://127.0.0.1:" + healthPort + path);
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

    /** Ends the server at once (SIGKILL, its JVM included): no shutdown hooks, no goodbye. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
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

    private static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
