package dev.cairn.examples.wine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Stage {@code train}: reads the train split from {@code data.intermediate}, runs the grid search
 * over {@code train.hyperparameters} with {@code train.grid_search.cv} folds scored by
 * {@code train.grid_search.scoring}, and saves the refitted best model to {@code model}.
 */
public final class Train {
  private Train() {}

  /** Runs the stage: {@code java -cp wine-quality.jar dev.cairn.examples.wine.Train params.yaml}. */
  public static void main(String[] args) {
    StageRunner.main("Train", Train::run, args);
  }

  /** Runs the stage with paths resolved against {@code workDir}; returns the search result. */
  public static GridSearch.Result run(Path workDir, Params params) throws IOException {
    Dataset train = Split.readPart(workDir.resolve(params.intermediate()), "train");
    GridSearch.Result result = GridSearch.run(train, params.grid(), params.cv(), params.scoring());
    for (GridSearch.Candidate c : result.candidates()) {
      System.out.printf(Locale.ROOT, "%-40s mean %s %.4f%n", c.config(), params.scoring().key(), c.meanScore());
    }
    System.out.printf(Locale.ROOT, "Best: %s (%.4f)%n", result.best().config(), result.best().cvScore());
    result.best().save(workDir.resolve(params.model()));
    return result;
  }
}
