package com.example.wine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class StandardizerTest {
  @Test
  void scalesEachColumnToMeanZeroAndUnitDeviation() {
    double[][] x = {{1, 10}, {3, 10}, {5, 10}};
    double[][] scaled = Standardizer.fit(x).transform(x);
    double sd = Math.sqrt(8.0 / 3);
    assertArrayEquals(new double[] {-2 / sd, 0}, scaled[0], 1e-12);
    assertArrayEquals(new double[] {0, 0}, scaled[1], 1e-12);
    assertArrayEquals(new double[] {2 / sd, 0}, scaled[2], 1e-12);
  }
}
