package dev.cairn.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * ROC and precision-recall curves of a binary scorer, computed as scikit-learn's {@code roc_curve}
 * (with {@code drop_intermediate=True}) and {@code precision_recall_curve} (its defaults) do, so the points match
 * what DVCLive logs for the same data.
 *
 * <p>One difference: the first ROC point's threshold is {@code max(score) + 1} (scikit-learn before
 * 1.3) rather than infinity, so the files stay valid JSON.
 */
public final class Curves {
  private Curves() {}

  /**
   * Returns the ROC curve, from (0, 0) upwards, dropping points that lie on a straight segment.
   *
   * @param positive whether each sample belongs to the positive class
   * @param scores the model's score for each sample; higher means more likely positive
   * @throws IllegalArgumentException if the arrays differ in length, or one class is absent
   */
  public static List<RocPoint> roc(boolean[] positive, double[] scores) {
    Counts c = counts(positive, scores);
    double totalPos = c.tps[c.size - 1];
    double totalNeg = c.fps[c.size - 1];
    if (totalPos == 0 || totalNeg == 0) {
      throw new IllegalArgumentException("A ROC curve needs both positive and negative samples (positives: "
          + (long) totalPos + ", negatives: " + (long) totalNeg + ")");
    }
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < c.size; i++) {
      boolean ends = i == 0 || i == c.size - 1;
      if (ends || c.fps[i + 1] - 2 * c.fps[i] + c.fps[i - 1] != 0 || c.tps[i + 1] - 2 * c.tps[i] + c.tps[i - 1] != 0) {
        kept.add(i);
      }
    }
    List<RocPoint> points = new ArrayList<>(kept.size() + 1);
    points.add(new RocPoint(0.0, 0.0, c.thresholds[0] + 1));
    for (int i : kept) {
      points.add(new RocPoint(c.fps[i] / totalNeg, c.tps[i] / totalPos, c.thresholds[i]));
    }
    return List.copyOf(points);
  }

  /**
   * Returns the precision-recall curve in order of increasing threshold: one point per distinct
   * score (scikit-learn's points without its final (1, 0) point, which has no threshold and which
   * DVCLive leaves out). With no positive sample, recall is 1 everywhere, as in scikit-learn.
   *
   * @param positive whether each sample belongs to the positive class
   * @param scores the model's score for each sample; higher means more likely positive
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static List<PrecisionRecallPoint> precisionRecall(boolean[] positive, double[] scores) {
    Counts c = counts(positive, scores);
    double totalPos = c.tps[c.size - 1];
    List<PrecisionRecallPoint> points = new ArrayList<>(c.size);
    for (int i = c.size - 1; i >= 0; i--) {
      double precision = c.tps[i] / (c.tps[i] + c.fps[i]);
      double recall = totalPos == 0 ? 1.0 : c.tps[i] / totalPos;
      points.add(new PrecisionRecallPoint(precision, recall, c.thresholds[i]));
    }
    return List.copyOf(points);
  }

  /** Cumulative true and false positives at each distinct score, highest score first. */
  private record Counts(double[] tps, double[] fps, double[] thresholds, int size) {}

  private static Counts counts(boolean[] positive, double[] scores) {
    Objects.requireNonNull(positive, "positive");
    Objects.requireNonNull(scores, "scores");
    if (positive.length != scores.length) {
      throw new IllegalArgumentException("Labels and scores differ in length: " + positive.length + " vs " + scores.length);
    }
    if (scores.length == 0) {
      throw new IllegalArgumentException("A curve needs at least one sample");
    }
    for (double s : scores) {
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("Scores must be finite, got " + s);
      }
    }
    Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    double[] tps = new double[scores.length];
    double[] fps = new double[scores.length];
    double[] thresholds = new double[scores.length];
    int size = 0;
    double tp = 0;
    double fp = 0;
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      if (positive[i]) {
        tp++;
      } else {
        fp++;
      }
      boolean lastOfGroup = k == order.length - 1 || scores[order[k + 1]] != scores[i];
      if (lastOfGroup) {
        tps[size] = tp;
        fps[size] = fp;
        thresholds[size] = scores[i];
        size++;
      }
    }
    return new Counts(tps, fps, thresholds, size);
  }
}
