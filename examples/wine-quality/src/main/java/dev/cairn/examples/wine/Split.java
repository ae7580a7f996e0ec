package dev.cairn.examples.wine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * A train/test split, stored as {@code X_train.csv}, {@code X_test.csv}, {@code y_train.csv} and
 * {@code y_test.csv} in one directory.
 *
 * @param train the training rows
 * @param test the test rows
 */
public record Split(Dataset train, Dataset test) {
  /** The seed of the shuffle, as the demo's {@code random_state=42}. */
  public static final long SEED = 42;

  /**
   * Shuffles the rows with a fixed seed and puts the first {@code ceil(testSize * n)} into the test
   * split, the rest into the train split (scikit-learn's {@code train_test_split} sizes).
   */
  public static Split of(Dataset data, double testSize, long seed) {
    int n = data.size();
    int nTest = (int) Math.ceil(testSize * n);
    if (nTest < 1 || nTest >= n) {
      throw new IllegalArgumentException("test_size " + testSize + " leaves " + nTest + " of " + n + " rows for test");
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    int[] test = Arrays.copyOfRange(order, 0, nTest);
    int[] train = Arrays.copyOfRange(order, nTest, n);
    return new Split(data.select(train), data.select(test));
  }

  /** Writes the four files into {@code dir}, creating it. */
  public void write(Path dir, String target) throws IOException {
    train.featureTable().write(dir.resolve("X_train.csv"));
    test.featureTable().write(dir.resolve("X_test.csv"));
    train.labelTable(target).write(dir.resolve("y_train.csv"));
    test.labelTable(target).write(dir.resolve("y_test.csv"));
  }

  /** Reads the four files from {@code dir}. */
  public static Split read(Path dir) throws IOException {
    return new Split(readPart(dir, "train"), readPart(dir, "test"));
  }

  /** Reads {@code X_<part>.csv} and {@code y_<part>.csv} from {@code dir}. */
  public static Dataset readPart(Path dir, String part) throws IOException {
    return Dataset.of(Table.read(dir.resolve("X_" + part + ".csv"), ','), Table.read(dir.resolve("y_" + part + ".csv"), ','));
  }
}
