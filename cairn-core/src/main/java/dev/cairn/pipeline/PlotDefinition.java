package dev.cairn.pipeline;

import java.util.Map;

/**
 * A top-level {@code plots} entry: either a file/dir ({@code props} empty) or {@code {id: {x, y, ...}}}.
 *
 * @param id the path or plot id
 * @param props the definition's fields in file order (may hold nested maps/lists for {@code x}/{@code y})
 */
public record PlotDefinition(String id, Map<String, Object> props) {
  public PlotDefinition {
    props = props == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(props));
  }
}
