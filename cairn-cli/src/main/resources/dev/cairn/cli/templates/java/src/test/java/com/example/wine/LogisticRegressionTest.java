package com.example.wine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
  private static final double[][] X = {{-2}, {-1.5}, {-1}, {-0.5}, {0.5}, {1}, {1.5}, {2}};
  private static final int[] Y = {0, 0, 0, 0, 1, 1, 1, 1};

  @Test
  void separatesSeparableDataAndTheLossGoesDownEveryEpoch() {
    List<Double> losses = new ArrayList<>();
    var model = LogisticRegression.fit(X, Y, new LogisticRegression.Hyperparameters(200, 0.5, 0), losses::add);
    for (int i = 0; i < X.length; i++) {
      assertEquals(Y[i], model.predict(X[i]));
    }
    assertEquals(200, losses.size());
    for (int i = 1; i < losses.size(); i++) {
      assertTrue(losses.get(i) < losses.get(i - 1), "loss went up at epoch " + i);
    }
  }

  @Test
  void anL2PenaltyKeepsTheWeightsSmaller() {
    var free = LogisticRegression.fit(X, Y, new LogisticRegression.Hyperparameters(200, 0.5, 0), loss -> { });
    var penalised = LogisticRegression.fit(X, Y, new LogisticRegression.Hyperparameters(200, 0.5, 0.1), loss -> { });
    assertTrue(Math.abs(penalised.weights()[0]) < Math.abs(free.weights()[0]));
  }

  @Test
  void refusesHyperparametersOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new LogisticRegression.Hyperparameters(0, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new LogisticRegression.Hyperparameters(10, -1, 0));
  }
}
