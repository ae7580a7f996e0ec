package dev.cairn.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plot whose data differs between base and head.
 *
 * @param id the plot's id (from {@code dvc.yaml})
 * @param title the plot's title
 * @param image the PNG drawn with both revisions, relative to the report's directory; empty when
 *     not drawn
 */
public record ChangedPlot(String id, String title, String image) {
  /** Checks for nulls. */
  public ChangedPlot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(image, "image");
  }

  /** The JSON form. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("title", title);
    m.put("image", image.isEmpty() ? null : image);
    return m;
  }
}
