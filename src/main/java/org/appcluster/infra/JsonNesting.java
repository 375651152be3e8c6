package org.appcluster.infra;

import java.util.function.IntUnaryOperator;

/**
 * How deep JSON text nests, found before it is parsed: the parsers the servers ship recurse per
 * level and answer a deep document with a bare RuntimeException (Parsson stops at 1,000), which
 * would surface as a 500. Nothing this API takes needs more than {@link #MAX_DEPTH} levels.
 */
public final class JsonNesting {

    public static final int MAX_DEPTH = 64;

    private JsonNesting() {
    }

    /** Whether {@code text} (UTF-8 bytes) opens more than {@link #MAX_DEPTH} arrays or objects inside each other. */
    public static boolean tooDeep(byte[] text) {
        return tooDeep(text.length, i -> text[i]);
    }

    /** As {@link #tooDeep(byte[])}, for text already decoded (a WebSocket message). */
    public static boolean tooDeep(CharSequence text) {
        return tooDeep(text.length(), text::charAt);
    }

    /** Brackets inside strings do not count; UTF-8 continuation bytes never look like ASCII. */
    private static boolean tooDeep(int length, IntUnaryOperator at) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < length; i++) {
            int c = at.applyAsInt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }
}
