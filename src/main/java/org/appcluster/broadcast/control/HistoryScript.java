package org.appcluster.broadcast.control;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script of {@link ChannelHistory}, run by its SHA-1 ({@code EVALSHA}) so that a publish
 * does not send the script's text each time; a Redis that does not know it yet (new, restarted,
 * another master) gets the text once ({@code EVAL} caches it).
 */
record HistoryScript(String text, String sha1) {

    static HistoryScript of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return new HistoryScript(text, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }

    /** A script file next to this class. */
    static String text(String name) {
        try (InputStream in = HistoryScript.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T run(RedisClusterCommands<String, String> commands, ScriptOutputType type, String[] keys, String... args) {
        try {
            return commands.evalsha(sha1, type, keys, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(text, type, keys, args);
        }
    }
}
