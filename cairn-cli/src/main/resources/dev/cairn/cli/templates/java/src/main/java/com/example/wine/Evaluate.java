package com.example.wine;

import dev.cairn.live.Live;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stage {@code evaluate}: scores the saved model on the test part and logs with cairn-live into
 * {@code dvclive/evaluate/}: the metrics {@code accuracy}, {@code precision}, {@code recall} and
 * {@code f1} of class 1 (good wine), the confusion matrix and the ROC curve.
 *
 * <pre>java -cp target/pipeline.jar com.example.wine.Evaluate data/raw/wine.csv model/model.txt dvclive/evaluate</pre>
 */
public final class Evaluate {
  private Evaluate() {}

  /** Runs the stage; on failure prints one line to stderr and exits non-zero. */
  public static void main(String[] args) {
    Stage.run("Evaluate", args, Evaluate::run);
  }

  static void run(Path data, Path file, Path liveDir, Params params) throws Exception {
    Dataset test = Dataset.read(data).split(params.testSize(), params.seed()).test();
    WineClassifier model = WineClassifier.load(file);
    List<Integer> actual = new ArrayList<>();
    List<Integer> predicted = new ArrayList<>();
    boolean[] positive = new boolean[test.size()];
    double[] scores = new double[test.size()];
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int correct = 0;
    for (int i = 0; i < test.size(); i++) {
      int p = model.predict(test.x()[i]);
      int y = test.y()[i];
      actual.add(y);
      predicted.add(p);
      positive[i] = y == 1;
      scores[i] = model.probability(test.x()[i]);
      correct += p == y ? 1 : 0;
      tp += p == 1 && y == 1 ? 1 : 0;
      fp += p == 1 && y == 0 ? 1 : 0;
      fn += p == 0 && y == 1 ? 1 : 0;
    }
    double accuracy = (double) correct / test.size();
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    try (Live live = Live.open(liveDir)) {
      live.logMetric("accuracy", accuracy, false);
      live.logMetric("precision", precision, false);
      live.logMetric("recall", recall, false);
      live.logMetric("f1", f1, false);
      live.logConfusionMatrix(actual, predicted);
      live.logRoc(positive, scores);
    }
    System.out.printf(Locale.ROOT, "Accuracy %.4f on %d test rows (precision %.4f, recall %.4f, f1 %.4f)%n",
        accuracy, test.size(), precision, recall, f1);
  }
}
