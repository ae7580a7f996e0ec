package dev.cairn.revision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a revision declares: {@code metrics} (repo-relative paths of metrics files or
 * directories, in collection order) and {@code params} (path → tracked keys; an empty list tracks
 * the whole file), as {@code metrics show} and {@code params show} read them.
 */
public record ProjectFiles(List<String> metrics, Map<String, List<String>> params) {
  public ProjectFiles {
    metrics = List.copyOf(metrics);
    Map<String, List<String>> p = new LinkedHashMap<>();
    params.forEach((k, v) -> p.put(k, List.copyOf(v)));
    params = Collections.unmodifiableMap(p);
  }
}
