package org.appcluster.support;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Debian's headless Chromium, driven over the DevTools protocol on a free loopback port. Each
 * {@link #open} is a new tab, with its own sessionStorage, as a user's second tab would be.
 */
public final class Chromium implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final String EXECUTABLE = "/usr/bin/chromium";

    private final Process process;
    private final int port;

    private Chromium(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Chromium launch() {
        int port = FreePorts.next();
        File logDir = new File(TestPaths.buildDir(), "browser");
        logDir.mkdirs();
        try {
            File profile = Files.createTempDirectory(logDir.toPath(), "profile").toFile();
            Process process = new ProcessBuilder(List.of(EXECUTABLE, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic", "--remote-allow-origins=*",
                    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=" + port,
                    "--user-data-dir=" + profile.getAbsolutePath(), "about:blank"))
                    .redirectErrorStream(true)
                    .redirectOutput(new File(logDir, "chromium-" + port + ".log"))
                    .start();
            Chromium chromium = new Chromium(process, port);
            Waits.until("Chromium DevTools on port " + port, Duration.ofSeconds(30),
                    () -> Http.getStatus(chromium.endpoint("/json/version")) == 200);
            return chromium;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + EXECUTABLE + " (apt-get install -y chromium)", e);
        }
    }

    /** Opens {@code url} in a new tab and waits until it has loaded. */
    public BrowserPage open(URI url) {
        JsonObject target = Http.put(endpoint("/json/new?about:blank")).body();
        BrowserPage page = BrowserPage.attach(URI.create(target.getString("webSocketDebuggerUrl")), target.getString("id"));
        page.navigate(url);
        return page;
    }

    void closeTab(String targetId) {
        Http.getStatus(endpoint("/json/close/" + targetId));
    }

    private URI endpoint(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        Processes.stop(process, 10);
    }

    /** Resolves a {@link Chromium} parameter: one browser for the whole test run. */
    public static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Chromium.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Chromium.class, key -> launch(), Chromium.class);
        }
    }
}
