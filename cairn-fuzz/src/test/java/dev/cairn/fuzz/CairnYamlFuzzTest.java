package dev.cairn.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.errors.CairnException;
import dev.cairn.report.CairnYaml;

/** {@code cairn.yaml} (gates, report, ci): settings back, or a {@link CairnException}. */
class CairnYamlFuzzTest {
  @FuzzTest(maxDuration = Fuzz.DURATION)
  void cairnYaml(byte[] input) {
    check(input);
  }

  /** The property, also run by {@link ParsersFuzzTest}. */
  static void check(byte[] input) {
    try {
      CairnYaml.parse(Fuzz.text(input), "cairn.yaml");
    } catch (CairnException e) {
      Fuzz.checkMessage(e);
    }
  }
}
