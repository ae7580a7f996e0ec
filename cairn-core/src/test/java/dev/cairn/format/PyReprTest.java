package dev.cairn.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyReprTest {
  @ParameterizedTest
  @CsvSource({"0.00001,1e-05", "0.1,0.1", "1e16,1e+16", "1.0,1.0", "1e15,1000000000000000.0", "0.0001,0.0001",
      "123.456,123.456", "-2.5e-7,-2.5e-07", "0.30000000000000004,0.30000000000000004", "1e22,1e+22",
      "100.0,100.0", "5e-324,5e-324", "1.7976931348623157e308,1.7976931348623157e+308", "0.001,0.001"})
  void floatRepr(double d, String expected) {
    assertThat(PyRepr.floatRepr(d)).isEqualTo(expected);
  }

  @Test
  void containers() {
    assertThat(PyRepr.str(List.of("a", "b"))).isEqualTo("['a', 'b']");
    assertThat(PyRepr.str(List.of(1L, 2.5))).isEqualTo("[1, 2.5]");
    assertThat(PyRepr.str(true)).isEqualTo("True");
    assertThat(PyRepr.str(null)).isEqualTo("None");
    assertThat(PyRepr.repr("it's")).isEqualTo("\"it's\"");
    assertThat(PyRepr.str(Map.of("k", 1L))).isEqualTo("{'k': 1}");
  }

  @Test
  void codePointOrder() {
    List<String> l = new java.util.ArrayList<>(List.of("\ud83d\ude00", "\uffff", "a/b", "a-b"));
    l.sort(CodePointOrder.INSTANCE);
    assertThat(l).containsExactly("a-b", "a/b", "\uffff", "\ud83d\ude00");
  }
}
