package com.example.wine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsTest {
  @TempDir
  Path dir;

  @Test
  void readsTheSplitAndTheHyperparameters() throws Exception {
    Path file = dir.resolve("params.yaml");
    Files.writeString(file, "data:\n  test_size: 0.2\n  seed: 7\ntrain:\n  epochs: 10\n  learning_rate: 0.1\n  l2: 0\n");
    Params p = Params.load(file);
    assertEquals(0.2, p.testSize());
    assertEquals(7, p.seed());
    assertEquals(new LogisticRegression.Hyperparameters(10, 0.1, 0), p.hyperparameters());
  }

  @Test
  void aMissingKeyIsNamed() throws Exception {
    Path file = dir.resolve("params.yaml");
    Files.writeString(file, "data:\n  test_size: 0.2\n  seed: 7\ntrain:\n  epochs: 10\n");
    var e = assertThrows(IllegalArgumentException.class, () -> Params.load(file));
    assertTrue(e.getMessage().endsWith("params.yaml: train.learning_rate: expected a number, found null"), e.getMessage());
  }

  @Test
  void theProjectsParamsFileIsValid() throws Exception {
    Params.load(Params.FILE);
  }
}
