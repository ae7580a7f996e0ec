package dev.cairn.ci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a gate's annotation points in cairn.yaml. */
class ChecksTest {
  @Test
  void gateLines() {
    String yaml = """
        # model gates
        report: {base: main}
        gates:
          accuracy: {min: 0.55}
          "dvclive/metrics.json:loss":
            max: 0.7
        ci: {test_command: ""}
        accuracy: not a gate
        """;
    assertThat(Checks.gateLine(yaml, "accuracy")).isEqualTo(4);
    assertThat(Checks.gateLine(yaml, "dvclive/metrics.json:loss")).isEqualTo(5);
    assertThat(Checks.gateLine(yaml, "f1")).isEqualTo(3);
    assertThat(Checks.gateLine("gates: {accuracy: {min: 1}}\n", "accuracy")).isEqualTo(1);
    assertThat(Checks.gateLine("", "accuracy")).isEqualTo(1);
  }
}
