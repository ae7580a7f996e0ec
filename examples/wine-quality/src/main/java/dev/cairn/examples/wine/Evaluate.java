package dev.cairn.examples.wine;

import dev.cairn.live.Live;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Stage {@code evaluate}: scores the model on the test split and logs through cairn-live into
 * {@code dvclive/}: params {@code best_hyperparameters}; metrics {@code accuracy},
 * {@code cv_score} and {@code per_class/<label>/{precision,recall,f1,support}}; and the confusion
 * matrix plot {@code plots/sklearn/confusion_matrix.json}.
 */
public final class Evaluate {
  private Evaluate() {}

  /** Runs the stage: {@code java -cp wine-quality.jar dev.cairn.examples.wine.Evaluate params.yaml}. */
  public static void main(String[] args) {
    StageRunner.main("Evaluate", Evaluate::run, args);
  }

  /** Runs the stage with paths resolved against {@code workDir}; returns the report it logged. */
  public static ClassificationReport run(Path workDir, Params params) throws IOException {
    Dataset test = Split.readPart(workDir.resolve(params.intermediate()), "test");
    WineModel model = WineModel.load(workDir.resolve(params.model()));
    int[] predicted = model.predict(test.x());
    ClassificationReport report = ClassificationReport.of(test.y(), predicted);
    try (Live live = Live.open(workDir.resolve(Live.DEFAULT_DIR))) {
      live.logParam("best_hyperparameters", model.config().toParams());
      live.logMetric("accuracy", report.accuracy());
      if (!Double.isNaN(model.cvScore())) {
        live.logMetric("cv_score", model.cvScore(), false);
      }
      for (ClassMetrics m : report.perClass()) {
        String prefix = "per_class/" + m.label() + "/";
        live.logMetric(prefix + "precision", m.precision(), false);
        live.logMetric(prefix + "recall", m.recall(), false);
        live.logMetric(prefix + "f1", m.f1(), false);
        live.logMetric(prefix + "support", m.support(), false);
      }
      live.logConfusionMatrix(boxed(test.y()), boxed(predicted));
    }
    System.out.printf(Locale.ROOT, "The model's accuracy is %.4f%n", report.accuracy());
    return report;
  }

  private static List<Integer> boxed(int[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
