package dev.cairn.examples.wine;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Assigns samples to k folds so that each fold keeps the class proportions, exactly as
 * scikit-learn's {@code StratifiedKFold(shuffle=False)} does: classes are sorted, the sorted labels
 * are dealt round-robin to decide how many of each class a fold gets, and the samples of each class
 * fill the folds in their original order.
 */
public final class StratifiedKFold {
  private StratifiedKFold() {}

  /**
   * Returns the fold (0..k-1) of each sample.
   *
   * @throws IllegalArgumentException if k is below 2 or above the number of samples
   */
  public static int[] assign(int[] y, int k) {
    if (k < 2 || k > y.length) {
      throw new IllegalArgumentException("Cannot make " + k + " folds from " + y.length + " samples");
    }
    int[] classes = Arrays.stream(y).distinct().sorted().toArray();
    int[] encoded = Arrays.stream(y).map(label -> Arrays.binarySearch(classes, label)).toArray();
    int[] sorted = encoded.clone();
    Arrays.sort(sorted);
    int[][] allocation = new int[k][classes.length];
    for (int i = 0; i < sorted.length; i++) {
      allocation[i % k][sorted[i]]++;
    }
    int[] folds = new int[y.length];
    for (int c = 0; c < classes.length; c++) {
      int fold = 0;
      int used = 0;
      for (int i = 0; i < y.length; i++) {
        if (encoded[i] != c) {
          continue;
        }
        while (used == allocation[fold][c]) {
          fold++;
          used = 0;
        }
        folds[i] = fold;
        used++;
      }
    }
    return folds;
  }

  /** Returns the indices of the samples in fold {@code fold} ({@code inFold}) or outside it. */
  public static int[] indices(int[] folds, int fold, boolean inFold) {
    return IntStream.range(0, folds.length).filter(i -> (folds[i] == fold) == inFold).toArray();
  }
}
