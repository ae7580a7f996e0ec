package dev.cairn.examples.wine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Accuracy, per-class metrics and the confusion matrix of a set of predictions.
 *
 * @param labels every label seen in the actual or predicted values, ascending
 * @param confusion counts: row = actual label index, column = predicted label index
 * @param accuracy share of correct predictions
 * @param perClass metrics per label, in {@code labels} order
 */
public record ClassificationReport(int[] labels, int[][] confusion, double accuracy, List<ClassMetrics> perClass) {
  /** Copies the per-class list. */
  public ClassificationReport {
    perClass = List.copyOf(perClass);
  }

  /**
   * Computes the report.
   *
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static ClassificationReport of(int[] actual, int[] predicted) {
    if (actual.length != predicted.length || actual.length == 0) {
      throw new IllegalArgumentException("Need as many predictions as labels, and at least one: "
          + actual.length + " vs " + predicted.length);
    }
    int[] labels = IntStream.concat(Arrays.stream(actual), Arrays.stream(predicted)).distinct().sorted().toArray();
    int[][] confusion = new int[labels.length][labels.length];
    int correct = 0;
    for (int i = 0; i < actual.length; i++) {
      confusion[Arrays.binarySearch(labels, actual[i])][Arrays.binarySearch(labels, predicted[i])]++;
      if (actual[i] == predicted[i]) {
        correct++;
      }
    }
    List<ClassMetrics> perClass = new ArrayList<>();
    for (int k = 0; k < labels.length; k++) {
      int tp = confusion[k][k];
      int support = Arrays.stream(confusion[k]).sum();
      int predictedCount = 0;
      for (int[] row : confusion) {
        predictedCount += row[k];
      }
      double precision = predictedCount == 0 ? 0 : (double) tp / predictedCount;
      double recall = support == 0 ? 0 : (double) tp / support;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      perClass.add(new ClassMetrics(labels[k], precision, recall, f1, support));
    }
    return new ClassificationReport(labels, confusion, (double) correct / actual.length, perClass);
  }
}
