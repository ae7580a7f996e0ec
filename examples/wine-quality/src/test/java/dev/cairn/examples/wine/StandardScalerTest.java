package dev.cairn.examples.wine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardScalerTest {
  @Test
  void centresAndScalesWithPopulationStandardDeviation() {
    double[][] x = {{1, 5}, {2, 5}, {3, 5}};
    StandardScaler scaler = StandardScaler.fit(x);
    assertThat(scaler.mean()).containsExactly(2.0, 5.0);
    assertThat(scaler.scale()[0]).isCloseTo(Math.sqrt(2.0 / 3.0), within(1e-15));
    assertThat(scaler.scale()[1]).isEqualTo(1.0);
    double[][] scaled = scaler.transform(x);
    assertThat(scaled[0][0]).isCloseTo(-1.224744871391589, within(1e-12));
    assertThat(scaled[1]).containsExactly(0.0, 0.0);
  }

  @Test
  void scaleGammaIsOneOverFeaturesTimesVariance() {
    double[][] scaled = StandardScaler.fit(new double[][] {{1, 10}, {3, 30}}).transform(new double[][] {{1, 10}, {3, 30}});
    assertThat(Gamma.SCALE.resolve(scaled)).isCloseTo(0.5, within(1e-12));
    assertThat(Gamma.of(0.1).resolve(scaled)).isEqualTo(0.1);
  }
}
