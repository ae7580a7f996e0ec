package dev.cairn.plots;

import java.util.Locale;

/** The kinds of chart Cairn draws, and DVC's template names that map to them. */
public enum ChartKind {
  /** {@code linear}, {@code simple}: lines through the points (also ROC and precision-recall). */
  LINE,
  /** {@code smooth}: the points plus a moving-average line. */
  SMOOTH,
  /** {@code scatter}, {@code scatter_jitter}: points only. */
  SCATTER,
  /** {@code bar_horizontal}, {@code bar_horizontal_sorted}: one bar per category (y), length x. */
  BAR_HORIZONTAL,
  /** {@code confusion}: counts of (actual, predicted) pairs as a heat map, one panel per revision. */
  CONFUSION,
  /** {@code confusion_normalized}: like {@link #CONFUSION}, each actual class's row summing to 1. */
  CONFUSION_NORMALIZED,
  /** An image file ({@code .png .jpg .jpeg .gif .svg}) shown as it is, one per revision; not a template. */
  IMAGE;

  /** The extensions DVC shows as images rather than reading as data. */
  public static final java.util.List<String> IMAGE_EXTENSIONS = java.util.List.of(".png", ".jpg", ".jpeg", ".gif",
      ".svg");

  /** The lower-case extension of a path with its dot, or {@code ""}. */
  static String imageExtension(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    return dot < 0 || lower.lastIndexOf('/') > dot ? "" : lower.substring(dot);
  }

  /** Whether DVC shows the file at {@code path} as an image. */
  public static boolean isImage(String path) {
    return IMAGE_EXTENSIONS.contains(imageExtension(path));
  }

  /** DVC's default template. */
  public static final String DEFAULT_TEMPLATE = "linear";

  /**
   * The kind for a DVC template name or a custom template file ({@code .dvc/plots/x.json} or
   * {@code x}): a known name maps to its kind, an unknown one draws lines.
   */
  public static ChartKind forTemplate(String template) {
    if (template == null) {
      return LINE;
    }
    String t = template.replace('\\', '/');
    t = t.substring(t.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (t.endsWith(".json")) {
      t = t.substring(0, t.length() - 5);
    }
    return switch (t) {
      case "smooth" -> SMOOTH;
      case "scatter", "scatter_jitter" -> SCATTER;
      case "bar_horizontal", "bar_horizontal_sorted" -> BAR_HORIZONTAL;
      case "confusion" -> CONFUSION;
      case "confusion_normalized" -> CONFUSION_NORMALIZED;
      default -> LINE;
    };
  }

  /** Whether x and y are categories (confusion matrices) rather than numbers. */
  public boolean isConfusion() {
    return this == CONFUSION || this == CONFUSION_NORMALIZED;
  }
}
