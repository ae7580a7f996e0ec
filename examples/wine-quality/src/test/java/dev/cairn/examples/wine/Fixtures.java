package dev.cairn.examples.wine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Shared inputs of the example's tests: the shipped data and params, and one model trained on them. */
final class Fixtures {
  /** The module directory: surefire and failsafe run tests from it. */
  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path RAW = MODULE.resolve("data/raw/winequality-red.csv");
  static final Path PARAMS = MODULE.resolve("params.yaml");

  private static Trained trained;

  private Fixtures() {}

  /** The split and the grid-searched model of the default params, computed once per test JVM. */
  record Trained(Params params, Split split, GridSearch.Result search) {
    WineModel model() {
      return search.best();
    }
  }

  static synchronized Trained trained() {
    if (trained == null) {
      try {
        Params params = Params.load(PARAMS);
        Split split = Split.of(Process.loadRaw(RAW, params.feature()), params.testSize(), Split.SEED);
        trained = new Trained(params, split, GridSearch.run(split.train(), params.grid(), params.cv(), params.scoring()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return trained;
  }
}
