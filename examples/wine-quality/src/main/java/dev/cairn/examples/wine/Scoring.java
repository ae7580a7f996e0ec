package dev.cairn.examples.wine;

/** The grid search's score, named as scikit-learn names it in {@code train.grid_search.scoring}. */
public enum Scoring {
  /** Share of correct predictions. */
  ACCURACY("accuracy"),
  /** Mean recall over the classes. */
  BALANCED_ACCURACY("balanced_accuracy"),
  /** Mean F1 score over the classes. */
  F1_MACRO("f1_macro");

  private final String key;

  Scoring(String key) {
    this.key = key;
  }

  /** Returns the name used in {@code params.yaml}. */
  public String key() {
    return key;
  }

  /** Scores predictions against true labels. */
  public double score(int[] actual, int[] predicted) {
    ClassificationReport report = ClassificationReport.of(actual, predicted);
    return switch (this) {
      case ACCURACY -> report.accuracy();
      case BALANCED_ACCURACY -> report.perClass().stream().mapToDouble(ClassMetrics::recall).average().orElse(0);
      case F1_MACRO -> report.perClass().stream().mapToDouble(ClassMetrics::f1).average().orElse(0);
    };
  }

  /**
   * Returns the scoring with this name.
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static Scoring parse(String key) {
    for (Scoring s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown scoring '" + key + "': use accuracy, balanced_accuracy or f1_macro");
  }
}
