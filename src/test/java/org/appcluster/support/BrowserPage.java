package org.appcluster.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One browser tab over the DevTools protocol: evaluate script in the page, wait for a condition,
 * take a screenshot. JavaScript dialogs (an {@code alert} from injected markup) are recorded and
 * dismissed; uncaught page errors are recorded too.
 */
public final class BrowserPage {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String targetId;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private WebSocket socket;

    private BrowserPage(String targetId) {
        this.targetId = targetId;
    }

    static BrowserPage attach(URI debuggerUrl, String targetId) {
        BrowserPage page = new BrowserPage(targetId);
        page.socket = HTTP.newWebSocketBuilder().buildAsync(debuggerUrl, page.new Listener()).join();
        page.command("Page.enable", JsonValue.EMPTY_JSON_OBJECT);
        page.command("Runtime.enable", JsonValue.EMPTY_JSON_OBJECT);
        page.viewport(1280, 900, false);
        return page;
    }

    /** Emulates a screen of this size; {@code mobile} also applies the page's viewport meta tag. */
    public void viewport(int width, int height, boolean mobile) {
        command("Emulation.setDeviceMetricsOverride", Json.createObjectBuilder()
                .add("width", width).add("height", height).add("deviceScaleFactor", 1).add("mobile", mobile).build());
    }

    /** Evaluates an expression (promises are awaited) and returns its JSON value. */
    public JsonValue eval(String expression) {
        JsonObject result = command("Runtime.evaluate", Json.createObjectBuilder()
                .add("expression", expression).add("returnByValue", true).add("awaitPromise", true).build());
        if (result.containsKey("exceptionDetails")) {
            throw new AssertionError("Script failed: " + expression + "\n" + result.getJsonObject("exceptionDetails"));
        }
        JsonObject value = result.getJsonObject("result");
        return value.containsKey("value") ? value.get("value") : JsonValue.NULL;
    }

    public String evalString(String expression) {
        JsonValue value = eval(expression);
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    public boolean evalBoolean(String expression) {
        return eval(expression) == JsonValue.TRUE;
    }

    /** Polls {@code condition} in the page; a condition that throws (element not there yet) is false. */
    public void waitFor(String what, String condition) {
        waitFor(what, condition, () -> { });
    }

    /** As {@link #waitFor(String, String)}, doing {@code eachRound} before each look (publishing until the page hears one, say). */
    public void waitFor(String what, String condition, Runnable eachRound) {
        Waits.until(what, TIMEOUT, () -> {
            eachRound.run();
            try {
                return evalBoolean(condition);
            } catch (AssertionError notYet) {
                return false;
            }
        });
    }

    public void navigate(URI url) {
        command("Page.navigate", Json.createObjectBuilder().add("url", url.toString()).build());
        waitFor("the page " + url + " to load", "location.href !== 'about:blank' && document.readyState === 'complete'");
    }

    public void reload() {
        command("Page.reload", JsonValue.EMPTY_JSON_OBJECT);
        waitFor("the page to reload", "document.readyState === 'complete' && performance.getEntriesByType('navigation')[0].type === 'reload'");
    }

    public void screenshot(Path file) {
        JsonObject shot = command("Page.captureScreenshot", Json.createObjectBuilder()
                .add("format", "png").add("captureBeyondViewport", true).build());
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(shot.getString("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages of {@code alert}/{@code confirm} dialogs the page opened. */
    public List<String> dialogs() {
        return dialogs;
    }

    /** Uncaught exceptions thrown in the page. */
    public List<String> errors() {
        return errors;
    }

    public void close(Chromium browser) {
        socket.abort();
        browser.closeTab(targetId);
    }

    private JsonObject command(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(Json.createObjectBuilder().add("id", id).add("method", method).add("params", params).build().toString(), true);
        JsonObject response = answer.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        if (response.containsKey("error")) {
            throw new AssertionError(method + " failed: " + response.getJsonObject("error"));
        }
        return response.getJsonObject("result");
    }

    private void onEvent(JsonObject message) {
        switch (message.getString("method")) {
            case "Page.javascriptDialogOpening" -> {
                dialogs.add(message.getJsonObject("params").getString("message"));
                socket.sendText(Json.createObjectBuilder().add("id", ids.incrementAndGet())
                        .add("method", "Page.handleJavaScriptDialog")
                        .add("params", Json.createObjectBuilder().add("accept", true)).build().toString(), true);
            }
            case "Runtime.exceptionThrown" -> errors.add(message.getJsonObject("params").getJsonObject("exceptionDetails").toString());
            default -> {
            }
        }
    }

    private final class Listener extends JsonFrameListener {

        @Override
        protected void onJson(JsonObject message) {
            if (message.containsKey("id")) {
                CompletableFuture<JsonObject> answer = pending.remove(message.getInt("id"));
                if (answer != null) {
                    answer.complete(message);
                }
            } else if (message.containsKey("method")) {
                onEvent(message);
            }
        }
    }
}
