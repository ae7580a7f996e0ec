package com.example.wine;

import dev.cairn.live.Live;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Stage {@code train}: splits the data, fits the classifier on the train part, saves it, and logs
 * the train loss of every epoch with cairn-live (a plot in {@code dvclive/train/plots/metrics/}).
 *
 * <pre>java -cp target/pipeline.jar com.example.wine.Train data/raw/wine.csv model/model.txt dvclive/train</pre>
 *
 * <p>The split and the hyperparameters come from {@code params.yaml} ({@link Params}).
 */
public final class Train {
  private Train() {}

  /** Runs the stage; on failure prints one line to stderr and exits non-zero. */
  public static void main(String[] args) {
    Stage.run("Train", args, Train::run);
  }

  static void run(Path data, Path file, Path liveDir, Params params) throws Exception {
    Dataset.Split split = Dataset.read(data).split(params.testSize(), params.seed());
    WineClassifier model;
    try (Live live = Live.open(liveDir)) {
      model = WineClassifier.train(split.train(), params.hyperparameters(), loss -> {
        live.logMetric("loss", loss);
        live.nextStep();
      });
    }
    model.save(file);
    System.out.printf(Locale.ROOT, "Trained on %d rows, saved %s%n", split.train().size(), file);
  }
}
