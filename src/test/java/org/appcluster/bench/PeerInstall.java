package org.appcluster.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.appcluster.support.Processes;
import org.appcluster.support.TestPaths;

/**
 * Puts the Socket.IO peer into {@code target/bench/socketio-peer}: its committed server script,
 * package.json and lockfile, then {@code npm ci}, so every run gets exactly the locked versions
 * and nothing is installed outside the build directory.
 */
final class PeerInstall {

    private static final List<String> FILES = List.of("package.json", "package-lock.json", "server.js");

    private PeerInstall() {
    }

    /** Node's version and the peer's locked top-level packages, for the results' environment. */
    static String versions() {
        Path packageJson = Path.of(System.getProperty("bench.peerSource", "src/test/socketio-peer"), "package.json");
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(packageJson))) {
            JsonObject dependencies = reader.readObject().getJsonObject("dependencies");
            StringBuilder out = new StringBuilder("node " + Processes.output(List.of("node", "--version")).trim());
            dependencies.forEach((name, version) -> out.append(", ").append(name).append(' ').append(((JsonString) version).getString()));
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the installed server script. */
    static File install() {
        Path source = Path.of(System.getProperty("bench.peerSource", "src/test/socketio-peer"));
        Path dir = Path.of(TestPaths.buildDir(), "bench", "socketio-peer");
        File log = new File(BenchCluster.logDir(), "npm-ci.log");
        try {
            Files.createDirectories(dir);
            for (String file : FILES) {
                Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Process npm = new ProcessBuilder("npm", "ci", "--prefix", dir.toString(), "--no-audit", "--no-fund")
                    .redirectErrorStream(true).redirectOutput(log).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci of the Socket.IO peer failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the Socket.IO peer (are nodejs and npm installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return dir.resolve("server.js").toFile();
    }
}
