package dev.cairn.checks;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleBiFunction;

/**
 * A named performance measure over true and predicted labels.
 *
 * @param <Y> the label type
 */
public interface Scorer<Y> {
  /** Returns the measure's name as it appears in messages, for example {@code accuracy}. */
  String name();

  /** Returns whether a higher score means a better model. */
  boolean higherIsBetter();

  /**
   * Scores predictions against true labels.
   *
   * @throws IllegalArgumentException if the lists differ in size or are empty
   */
  double score(List<? extends Y> actual, List<? extends Y> predicted);

  /** Returns a scorer from a name, a direction and a function of (actual, predicted). */
  static <Y> Scorer<Y> of(String name, boolean higherIsBetter, ToDoubleBiFunction<List<? extends Y>, List<? extends Y>> fn) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fn, "fn");
    return new Scorer<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean higherIsBetter() {
        return higherIsBetter;
      }

      @Override
      public double score(List<? extends Y> actual, List<? extends Y> predicted) {
        requireSameSize(actual, predicted);
        return fn.applyAsDouble(actual, predicted);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** Returns the share of predictions equal to the true label (by {@link Object#equals}). */
  static <Y> Scorer<Y> accuracy() {
    return of("accuracy", true, (actual, predicted) -> {
      int hits = 0;
      for (int i = 0; i < actual.size(); i++) {
        if (Objects.equals(actual.get(i), predicted.get(i))) {
          hits++;
        }
      }
      return (double) hits / actual.size();
    });
  }

  /** Returns the mean absolute error of numeric predictions; lower is better. */
  static <Y extends Number> Scorer<Y> meanAbsoluteError() {
    return of("mean absolute error", false, (actual, predicted) -> {
      double sum = 0;
      for (int i = 0; i < actual.size(); i++) {
        sum += Math.abs(actual.get(i).doubleValue() - predicted.get(i).doubleValue());
      }
      return sum / actual.size();
    });
  }

  private static void requireSameSize(List<?> actual, List<?> predicted) {
    if (actual.size() != predicted.size()) {
      throw new IllegalArgumentException("Actual and predicted labels differ in size: " + actual.size() + " vs " + predicted.size());
    }
    if (actual.isEmpty()) {
      throw new IllegalArgumentException("Cannot score zero predictions");
    }
  }
}
