package com.example.wine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two stages end to end, as dvc.yaml runs them, into a temp directory. */
class StagesTest {
  @TempDir
  Path dir;

  @Test
  void trainThenEvaluateWriteTheModelAndTheDvcliveFiles() throws Exception {
    Params params = new Params(0.25, 42, new LogisticRegression.Hyperparameters(20, 0.5, 0.001));
    Path data = Path.of("data/raw/wine.csv");
    Path model = dir.resolve("model/model.txt");
    Train.run(data, model, dir.resolve("dvclive/train"), params);
    Evaluate.run(data, model, dir.resolve("dvclive/evaluate"), params);

    assertTrue(Files.isRegularFile(model));
    // one loss row per epoch, after the header
    assertEquals(21, Files.readAllLines(dir.resolve("dvclive/train/plots/metrics/loss.tsv")).size());
    String metrics = Files.readString(dir.resolve("dvclive/evaluate/metrics.json"));
    for (String key : new String[] {"accuracy", "precision", "recall", "f1"}) {
      assertTrue(metrics.contains("\"" + key + "\": 0."), metrics);
    }
    assertTrue(Files.isRegularFile(dir.resolve("dvclive/evaluate/plots/sklearn/confusion_matrix.json")));
    assertTrue(Files.isRegularFile(dir.resolve("dvclive/evaluate/plots/sklearn/roc.json")));
  }
}
