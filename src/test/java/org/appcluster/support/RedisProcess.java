package org.appcluster.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code redis-server} of the test's own on a free loopback port, stopped and restarted by its
 * PID. Never the machine's Redis.
 */
public final class RedisProcess implements AutoCloseable {

    private final int port;
    private final File log;
    private final String password;
    private final Secured secured;
    /** Server arguments beyond port, persistence and password (TLS, ACL, replication). */
    private final List<String> options;
    private Process process;

    /** A TLS port beside the plain one, and an ACL user the nodes sign in as. */
    private record Secured(int tlsPort, String user, String userPassword) {
    }

    private RedisProcess(int port, File log, String password, Secured secured, List<String> options) {
        this.port = port;
        this.log = log;
        this.password = password;
        this.secured = secured;
        this.options = options;
    }

    private static RedisProcess start(int port, File logDir, String password, Secured secured, List<String> options) {
        RedisProcess redis = new RedisProcess(port, new File(logDir, "redis-" + port + ".log"), password, secured, options);
        redis.startProcess();
        return redis;
    }

    public static RedisProcess start(File logDir) {
        return startOn(FreePorts.next(), logDir);
    }

    /** Starts on a port chosen earlier, for a node that was told of this Redis before it existed. */
    public static RedisProcess startOn(int port, File logDir) {
        return startOn(port, logDir, null);
    }

    /** A Redis that requires {@code password} (null: none). */
    public static RedisProcess startOn(int port, File logDir, String password) {
        return start(port, logDir, password, null, List.of());
    }

    /**
     * A replica of {@code master}, which Sentinel may promote. It loads its first copy from a file,
     * kept with the logs rather than in the directory the tests run in.
     */
    public static RedisProcess startReplicaOf(RedisProcess master, File logDir) {
        return start(FreePorts.next(), logDir, null, null, List.of("--replicaof", "127.0.0.1", String.valueOf(master.port),
                "--dir", logDir.getAbsolutePath()));
    }

    /**
     * A Redis as production runs it: TLS with a certificate from {@code tls}'s CA on a port of its
     * own, where the nodes sign in as the ACL user {@code user}. The plain port stays for the
     * test's own commands, on loopback.
     */
    public static RedisProcess startSecured(File logDir, RedisTls tls, String user, String userPassword) {
        Secured secured = new Secured(FreePorts.next(), user, userPassword);
        return start(FreePorts.next(), logDir, null, secured, List.of("--tls-port", String.valueOf(secured.tlsPort()),
                "--tls-cert-file", tls.serverCertificate().getPath(), "--tls-key-file", tls.serverKey().getPath(),
                "--tls-ca-cert-file", tls.caCertificate().getPath(), "--tls-auth-clients", "no",
                "--user", user, "on", ">" + userPassword, "~*", "&*", "+@all"));
    }

    /** The {@code rediss://} URI of the TLS port with the ACL user's credentials. */
    public String securedUri() {
        return "rediss://" + secured.user() + ":" + secured.userPassword() + "@127.0.0.1:" + secured.tlsPort();
    }

    /** The ACL user's password, which no node may show. */
    public String userPassword() {
        return secured.userPassword();
    }

    public int tlsPort() {
        return secured.tlsPort();
    }

    /** {@code CLIENT LIST}: one line per connection, with its user and local address. */
    public List<String> clients() {
        return Processes.output(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port), "CLIENT", "LIST"))
                .lines().filter(line -> line.startsWith("id=")).toList();
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized void stop() {
        if (process != null) {
            Processes.stop(process, 10);
            process = null;
        }
    }

    /** Ends the server with SIGKILL, as a crashed host would: no goodbye to its clients or replicas. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts again on the same port, empty, as a restarted Redis without persistence would be. */
    public synchronized void restart() {
        stop();
        startProcess();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Sends one inline command and returns the first line of the reply. */
    public String command(String inline) {
        return command(inline, Duration.ofSeconds(2));
    }

    /** Sends one inline command and reads the first line of its reply, waiting up to {@code timeout}. */
    public String command(String inline, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void startProcess() {
        try {
            List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--enable-debug-command", "local"));
            if (password != null) {
                command.addAll(List.of("--requirepass", password));
            }
            command.addAll(options);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server could not be started (is it installed?)", e);
        }
        Waits.until("redis-server on port " + port, Duration.ofSeconds(20), () -> {
            try {
                String reply = command("PING");
                return "+PONG".equals(reply) || (password != null && reply != null && reply.startsWith("-NOAUTH"));
            } catch (UncheckedIOException e) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        stop();
    }
}
