package dev.cairn.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resolved {@code dvc.yaml}.
 *
 * @param dir the file's directory relative to the repo root ({@code ""} for the root), {@code /} separators
 * @param stages resolved stages in file order (generated stages in generation order)
 * @param params top-level {@code params} files
 * @param metrics top-level {@code metrics} files/dirs
 * @param plots top-level {@code plots}
 * @param artifacts top-level {@code artifacts} by name (each a map with {@code path} and optional fields)
 * @param datasets top-level {@code datasets}
 */
public record Pipeline(String dir, List<Stage> stages, List<String> params, List<String> metrics,
    List<TopLevelPlot> plots, Map<String, Map<String, Object>> artifacts, List<Map<String, Object>> datasets) {
  public Pipeline {
    stages = List.copyOf(stages);
    params = List.copyOf(params);
    metrics = List.copyOf(metrics);
    plots = List.copyOf(plots);
    artifacts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(artifacts));
    datasets = List.copyOf(datasets);
  }

  /** The stage with this name, if any. */
  public Optional<Stage> stage(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The file's path relative to the repo root. */
  public String file() {
    return dir.isEmpty() ? "dvc.yaml" : dir + "/dvc.yaml";
  }
}
