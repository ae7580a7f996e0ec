package dev.cairn.metrics;

import dev.cairn.format.PyJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code metrics diff} or {@code params diff}: {@code diff} is path → key → change,
 * paths and keys in code-point order; {@code oldResult}/{@code newResult} are the two sides as read,
 * errors included.
 */
public record DiffResult(String oldRevision, String newRevision, Map<String, Map<String, Change>> diff,
    RevisionResult oldResult, RevisionResult newResult) {
  public DiffResult {
    Map<String, Map<String, Change>> copy = new LinkedHashMap<>();
    diff.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    diff = Collections.unmodifiableMap(copy);
  }

  /** The revisions (old first) whose files or pipeline failed to load, for the stderr warning. */
  public List<String> erroredRevisions() {
    List<String> out = new ArrayList<>();
    if (oldResult.hasErrors()) {
      out.add(oldRevision);
    }
    if (newResult.hasErrors() && !out.contains(newRevision)) {
      out.add(newRevision);
    }
    return out;
  }

  /** DVC's {@code --json} object {@code {path: {key: {"old", "new", "diff"}}}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    diff.forEach((path, changes) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      changes.forEach((k, c) -> m.put(k, c.toJson()));
      out.put(path, m);
    });
    return out;
  }

  /** The exact {@code --json} stdout text: compact Python style, or indent 2 on a terminal. */
  public String json(boolean tty) {
    return PyJson.dumps(toJson(), false, tty ? 2 : -1) + "\n";
  }
}
