package dev.cairn.pipeline;

import java.util.Map;

/**
 * A top-level {@code plots} entry of {@code dvc.yaml} as written: either a file/dir ({@code props}
 * empty) or {@code {id: {x, y, ...}}}. The plot a reader draws, with its files, axes and template
 * resolved, is {@code dev.cairn.plots.PlotDefinition}, built from the same entries.
 *
 * @param id the path or plot id
 * @param props the definition's fields in file order (may hold nested maps/lists for {@code x}/{@code y})
 */
public record TopLevelPlot(String id, Map<String, Object> props) {
  public TopLevelPlot {
    props = props == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(props));
  }
}
