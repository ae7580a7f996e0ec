package com.example.wine;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The pipeline's parameters, from {@code params.yaml}: the stages, the tests and Cairn
 * ({@code params:} in dvc.yaml, {@code cairn params diff}) all read the same file.
 *
 * @param testSize {@code data.test_size}: the share of rows held out for evaluation
 * @param seed {@code data.seed}: the seed of the shuffle before the split
 * @param hyperparameters {@code train.epochs}, {@code train.learning_rate}, {@code train.l2}
 */
public record Params(double testSize, long seed, LogisticRegression.Hyperparameters hyperparameters) {
  /** The file the stages read, in the working directory. */
  public static final Path FILE = Path.of("params.yaml");

  /**
   * Reads a params file.
   *
   * @throws IllegalArgumentException naming the key when one is missing or not a number
   */
  public static Params load(Path file) throws IOException {
    Object doc;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      doc = new Load(LoadSettings.builder().build()).loadFromReader(r);
    }
    return new Params(number(file, doc, "data", "test_size"), (long) number(file, doc, "data", "seed"),
        new LogisticRegression.Hyperparameters((int) number(file, doc, "train", "epochs"),
            number(file, doc, "train", "learning_rate"), number(file, doc, "train", "l2")));
  }

  private static double number(Path file, Object doc, String section, String key) {
    Object s = doc instanceof Map<?, ?> m ? m.get(section) : null;
    Object v = s instanceof Map<?, ?> m ? m.get(key) : null;
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(file + ": " + section + "." + key + ": expected a number, found " + v);
    }
    return n.doubleValue();
  }
}
