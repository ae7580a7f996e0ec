package dev.cairn.pipeline;

import java.util.List;
import java.util.Map;

/**
 * An output of a stage as declared under {@code outs}, {@code metrics} or {@code plots}.
 *
 * @param path the path as written (after interpolation), relative to the stage's wdir
 * @param kind which list declared it
 * @param remote the {@code remote} flag, or null
 * @param plotProps plot fields ({@code template, x, y, x_label, y_label, title, header}) for plots, in
 *     file order; empty otherwise
 */
public record Out(String path, Kind kind, boolean cache, boolean persist, boolean push, String remote,
    String desc, String type, List<String> labels, Object meta, Map<String, Object> plotProps) {
  /** The list an output was declared in. */
  public enum Kind {
    OUT("outs"), METRIC("metrics"), PLOT("plots");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The dvc.yaml key: {@code outs}, {@code metrics} or {@code plots}. */
    public String key() {
      return key;
    }
  }

  public Out {
    labels = labels == null ? List.of() : List.copyOf(labels);
    plotProps = plotProps == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(plotProps));
  }

  /** A plain output with default flags. */
  public static Out of(String path, Kind kind) {
    return new Out(path, kind, true, false, true, null, null, null, List.of(), null, Map.of());
  }
}
