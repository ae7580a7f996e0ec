package dev.cairn.plots;

import java.util.List;

/**
 * One line/point set/bar set of a plot, drawn in one colour with one legend entry: {@code name} is
 * the legend text (the revision, plus the field when a plot has several y columns). For line,
 * smooth and scatter charts {@code xs} and {@code ys} are {@link Double}s; for horizontal bars
 * {@code xs} are {@code Double} lengths and {@code ys} category strings; for confusion matrices
 * both are class-label strings (actual, predicted), one pair per sample.
 */
public record Series(String name, String revision, String file, String field, List<Object> xs, List<Object> ys) {
  public Series {
    xs = List.copyOf(xs);
    ys = List.copyOf(ys);
    if (xs.size() != ys.size()) {
      throw new IllegalArgumentException("xs and ys differ in length");
    }
  }

  public int size() {
    return xs.size();
  }
}
