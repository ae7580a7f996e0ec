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
 *     not drawn, and for an image plot
 * @param images for an image plot ({@code .png}, {@code .jpg} …), revision → its copy of the image,
 *     relative to the report's directory, base first; empty otherwise
 */
public record ChangedPlot(String id, String title, String image, Map<String, String> images) {
  /** Checks for nulls. */
  public ChangedPlot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(image, "image");
    images = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(images));
  }

  /** A chart (not an image plot). */
  public ChangedPlot(String id, String title, String image) {
    this(id, title, image, Map.of());
  }

  /** The JSON form. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("title", title);
    m.put("image", image.isEmpty() ? null : image);
    if (!images.isEmpty()) {
      m.put("images", images);
    }
    return m;
  }
}
