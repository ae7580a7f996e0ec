package dev.cairn.report;

import dev.cairn.metrics.FileResult;
import dev.cairn.metrics.Flatten;
import dev.cairn.metrics.RevisionResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The flattened metrics of one revision: file → metric name → value, as read by {@code
 * dev.cairn.metrics} (files that failed to load are absent).
 *
 * @param revision the revision's label, e.g. {@code main} or {@code workspace}
 * @param files file → flattened name → value
 */
record MetricValues(String revision, Map<String, Map<String, Object>> files) {
  /** Copies the maps. */
  public MetricValues {
    Objects.requireNonNull(revision, "revision");
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    files.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    files = Collections.unmodifiableMap(copy);
  }

  /** The values of a {@code metrics show}-style result. */
  public static MetricValues of(RevisionResult result) {
    Map<String, Map<String, Object>> files = new LinkedHashMap<>();
    for (Map.Entry<String, FileResult> e : result.files().entrySet()) {
      if (e.getValue().isError()) {
        continue;
      }
      Object data = e.getValue().data();
      files.put(e.getKey(), data instanceof Map<?, ?> m ? Flatten.flatten(m) : Map.of("", data));
    }
    return new MetricValues(result.revision(), files);
  }

  /** One metric found: the file it is in and its value. */
  record Found(String file, Object value) {}

  /** Where {@code gate}'s metric is: every file that holds it (for a {@code file:name} gate, at most that one). */
  List<Found> find(Gate gate) {
    List<Found> out = new ArrayList<>();
    files.forEach((file, values) -> {
      if ((gate.file().isEmpty() || gate.file().equals(file)) && values.containsKey(gate.name())) {
        out.add(new Found(file, values.get(gate.name())));
      }
    });
    return out;
  }
}
