package dev.cairn.exp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's {@code "{:.pg}".format(x)}; expected values printed by CPython 3. */
class PyFormatTest {
  @ParameterizedTest
  @CsvSource({
    "0.95555, 5, 0.95555",
    "1.0, 5, 1",
    "123456.0, 5, 1.2346e+05",
    "0.0001, 5, 0.0001",
    "1.234e-05, 5, 1.234e-05",
    "12345.6, 5, 12346",
    "99999.5, 5, 1e+05",
    "0.30000000000000004, 5, 0.3",
    "-2.5, 5, -2.5",
    "1e16, 5, 1e+16",
    "0.000123456789, 5, 0.00012346",
    "100.0, 5, 100",
    "1234.5, 5, 1234.5",
    "4.9E-324, 5, 4.9407e-324",
    "1.7976931348623157e308, 5, 1.7977e+308",
    "2.675, 3, 2.67",
    "0.05, 1, 0.05",
    "-0.0, 5, -0",
  })
  void matchesPython(double v, int p, String expected) {
    assertThat(PyFormat.g(v, p)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"NaN, nan", "Infinity, inf", "-Infinity, -inf"})
  void specialValues(double v, String expected) {
    assertThat(PyFormat.g(v, 5)).isEqualTo(expected);
  }
}
