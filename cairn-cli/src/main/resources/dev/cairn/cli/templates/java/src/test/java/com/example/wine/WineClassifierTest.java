package com.example.wine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WineClassifierTest {
  @TempDir
  Path dir;

  @Test
  void aSavedModelLoadsBackWithTheSamePredictionsAndTheSameBytes() throws Exception {
    Dataset data = Dataset.read(Path.of("data/raw/wine.csv"));
    WineClassifier model = WineClassifier.train(data, new LogisticRegression.Hyperparameters(50, 0.5, 0.001), loss -> { });
    Path file = dir.resolve("model/model.txt");
    model.save(file);
    WineClassifier loaded = WineClassifier.load(file);
    for (double[] row : data.x()) {
      assertEquals(model.probability(row), loaded.probability(row));
    }
    loaded.save(dir.resolve("again.txt"));
    assertEquals(Files.readString(file), Files.readString(dir.resolve("again.txt")));
  }
}
