package org.appcluster.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of figures per scenario: printed as they come, written as markdown tables and JSON at the
 * end. Rows of both targets share a scenario's table; where rows have an offered load, the table
 * lists them by it, so each target's row for the same load sits next to the other's.
 */
final class BenchResults {

    private static final String OFFERED = "offered deliveries/s";

    private final Map<String, List<Map<String, Object>>> scenarios = new LinkedHashMap<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();

    void environment(String key, Object value) {
        environment.put(key, value);
    }

    void add(String scenario, Map<String, Object> row) {
        scenarios.computeIfAbsent(scenario, key -> new ArrayList<>()).add(row);
        System.out.println("[bench] " + scenario + " " + row);
    }

    /** The rows of {@code scenario} in the order they were measured (none if it did not run). */
    List<Map<String, Object>> rows(String scenario) {
        return scenarios.getOrDefault(scenario, List.of());
    }

    /** A markdown table per scenario, as the README shows them. */
    String table() {
        StringBuilder out = new StringBuilder();
        scenarios.forEach((scenario, measured) -> {
            out.append("\n### ").append(scenario).append("\n\n");
            List<Map<String, Object>> rows = new ArrayList<>(measured);
            rows.sort(Comparator.comparingDouble(row -> row.get(OFFERED) instanceof Number n ? n.doubleValue() : 0));
            Set<String> columns = new LinkedHashSet<>();
            rows.forEach(row -> columns.addAll(row.keySet()));
            out.append("| ").append(String.join(" | ", columns)).append(" |\n");
            out.append("|").append("---|".repeat(columns.size())).append("\n");
            for (Map<String, Object> row : rows) {
                out.append("| ");
                for (String column : columns) {
                    out.append(row.getOrDefault(column, "")).append(" | ");
                }
                out.setLength(out.length() - 1);
                out.append("\n");
            }
        });
        return out.toString();
    }

    void write(Path json, Path markdown) {
        JsonObjectBuilder root = Json.createObjectBuilder();
        JsonObjectBuilder env = Json.createObjectBuilder();
        environment.forEach((key, value) -> env.add(key, String.valueOf(value)));
        root.add("environment", env);
        JsonObjectBuilder all = Json.createObjectBuilder();
        scenarios.forEach((scenario, rows) -> {
            JsonArrayBuilder array = Json.createArrayBuilder();
            for (Map<String, Object> row : rows) {
                JsonObjectBuilder item = Json.createObjectBuilder();
                row.forEach((key, value) -> {
                    if (value instanceof Number number) {
                        item.add(key, number.doubleValue());
                    } else {
                        item.add(key, String.valueOf(value));
                    }
                });
                array.add(item);
            }
            all.add(scenario, array);
        });
        root.add("scenarios", all);
        try {
            Files.createDirectories(json.getParent());
            try (Writer writer = Files.newBufferedWriter(json)) {
                Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(writer).write(root.build());
            }
            Files.writeString(markdown, table());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
