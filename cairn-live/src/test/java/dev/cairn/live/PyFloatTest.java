package dev.cairn.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PyFloatTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.1|0.1", "100.0|100.0", "1.0|1.0", "-2.5|-2.5", "0.0001|0.0001", "0.00001|1e-05",
      "123456789012345.0|123456789012345.0", "1e16|1e+16", "1.5e16|1.5e+16", "1e22|1e+22",
      "0.30000000000000004|0.30000000000000004", "2e-3|0.002", "1.7976931348623157e308|1.7976931348623157e+308",
      "4.9e-324|5e-324", "0.6|0.6", "0.59375|0.59375", "1e-100|1e-100", "-0.0|-0.0", "0|0.0"})
  void matchesPythonRepr(double value, String expected) {
    assertThat(PyFloat.repr(value)).isEqualTo(expected);
  }

  @Test
  void roundTripsEveryValue() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 10_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(d)) {
        assertThat(Double.parseDouble(PyFloat.repr(d))).isEqualTo(d);
      }
    }
  }

  @Test
  void refusesNonFinite() {
    assertThatThrownBy(() -> PyFloat.repr(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
