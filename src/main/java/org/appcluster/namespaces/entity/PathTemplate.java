package org.appcluster.namespaces.entity;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A namespace path under {@code /api/1/ws/}: literal segments and {@code {name}} segments, each
 * of which matches one segment of a request path. The same templates the WebSocket container
 * matches, so the handshake filter finds the namespace the container will open.
 */
public final class PathTemplate {

    public static final String PREFIX = "/api/1/ws/";
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,31})}");
    private static final int MAX_SEGMENTS = 8;

    private final String value;
    private final List<String> segments;

    private PathTemplate(String value, List<String> segments) {
        this.value = value;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException for a path outside {@code /api/1/ws/} or with bad segments */
    public static PathTemplate parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("A namespace path starts with " + PREFIX + ": " + value);
        }
        List<String> segments = Arrays.asList(value.substring(PREFIX.length()).split("/", -1));
        if (segments.size() > MAX_SEGMENTS || !LITERAL.matcher(segments.get(0)).matches()) {
            throw new IllegalArgumentException("A namespace path needs a fixed first segment after " + PREFIX
                    + " and at most " + MAX_SEGMENTS + " segments: " + value);
        }
        for (String segment : segments) {
            if (!LITERAL.matcher(segment).matches() && !PARAMETER.matcher(segment).matches()) {
                throw new IllegalArgumentException("Namespace path segment '" + segment + "' is neither a name of letters, digits, '_', '.', '-'"
                        + " nor a {parameter}: " + value);
            }
        }
        return new PathTemplate(value, List.copyOf(segments));
    }

    public String value() {
        return value;
    }

    /** The values of the {@code {name}} segments when {@code path} is one of this template's paths. */
    public Optional<Map<String, String>> match(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] actual = path.substring(PREFIX.length()).split("/", -1);
        if (actual.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < actual.length; i++) {
            var parameter = PARAMETER.matcher(segments.get(i));
            if (parameter.matches()) {
                if (!LITERAL.matcher(actual[i]).matches()) {
                    return Optional.empty();
                }
                parameters.put(parameter.group(1), actual[i]);
            } else if (!segments.get(i).equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    @Override
    public String toString() {
        return value;
    }
}
