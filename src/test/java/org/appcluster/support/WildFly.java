package org.appcluster.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * WildFly nodes for the test suite: the distribution the {@code wildfly} profile unpacked,
 * configured once with {@code server-config/wildfly/configure.cli}, one copy of
 * {@code standalone/} per node so nodes never share files.
 */
final class WildFly {

    private static final String PROFILE = "standalone.xml";
    /** What the script's last command writes: its presence means the whole script ran. */
    private static final String CONFIGURED = "default-response-code=\"503\"";

    private WildFly() {
    }

    /** {@code jvmOptions} replace the distribution's heap sizing when given (empty: its defaults). */
    static ProcessBuilder command(String name, int port, int managementPort, Map<String, String> properties,
                                  List<String> jvmOptions, File logDir) {
        Path home = Path.of(TestPaths.wildflyHome());
        configureOnce(home);
        Path base = logDir.toPath().resolve(name + "-wildfly");
        copyTree(home.resolve("standalone"), base);
        try {
            Files.copy(Path.of(TestPaths.war()), base.resolve("deployments").resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(), "-c", PROFILE,
                "-Djboss.server.base.dir=" + base,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.http.port=" + port, "-Djboss.https.port=" + FreePorts.next(),
                "-Djboss.management.http.port=" + managementPort, "-Djboss.management.https.port=" + FreePorts.next()));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command);
        // The script then forwards SIGTERM to the server's JVM, so a stop is a clean shutdown.
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        if (!jvmOptions.isEmpty()) {
            // standalone.conf puts this where its -Xms64m -Xmx512m would go, keeping its other options.
            builder.environment().put("JBOSS_JAVA_SIZING", String.join(" ", jvmOptions));
        }
        return builder;
    }

    /** Applies the shipped CLI script to the unpacked distribution, once. */
    private static synchronized void configureOnce(Path home) {
        Path config = home.resolve("standalone/configuration").resolve(PROFILE);
        try {
            if (Files.readString(config).contains(CONFIGURED)) {
                return;
            }
            Process cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(),
                    "--file=" + Path.of(TestPaths.serverConfig(), "wildfly", "configure.cli"))
                    .redirectErrorStream(true)
                    .redirectOutput(new File(TestPaths.buildDir(), "wildfly-configure.log"))
                    .start();
            if (cli.waitFor() != 0 || !Files.readString(config).contains(CONFIGURED)) {
                throw new IllegalStateException("configure.cli failed; see target/wildfly-configure.log");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
