package dev.cairn.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.errors.CairnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn.yaml}: every section, and one-line errors naming the file and the key. */
class CairnYamlTest {
  @TempDir
  Path tmp;

  @Test
  void fullExample() throws Exception {
    Files.writeString(tmp.resolve("cairn.yaml"), """
        gates:
          accuracy: {min: 0.55}
          dvclive/metrics.json:accuracy: {max_drop: 0.01}
          loss: {max: 0.7, max_increase: 5%}
        report: {base: main, tests: "target/surefire-reports"}
        ci: {test_command: "mvn -B test"}
        """);
    CairnYaml c = CairnYaml.load(tmp);
    assertThat(c.gates()).containsExactly(
        new Gate("", "accuracy", Gate.Rule.MIN, 0.55, false, "0.55"),
        new Gate("dvclive/metrics.json", "accuracy", Gate.Rule.MAX_DROP, 0.01, false, "0.01"),
        new Gate("", "loss", Gate.Rule.MAX, 0.7, false, "0.7"),
        new Gate("", "loss", Gate.Rule.MAX_INCREASE, 0.05, true, "5%"));
    assertThat(c.base()).contains("main");
    assertThat(c.report().tests()).containsExactly("target/surefire-reports");
    assertThat(c.ci().testCommand()).isEqualTo("mvn -B test");
  }

  @Test
  void absentOrEmptyFileMeansDefaults() throws Exception {
    assertThat(CairnYaml.load(tmp)).isEqualTo(CairnYaml.empty());
    Files.writeString(tmp.resolve("cairn.yaml"), "");
    CairnYaml c = CairnYaml.load(tmp);
    assertThat(c.gates()).isEmpty();
    assertThat(c.base()).isEmpty();
    assertThat(c.ci().testCommand()).isEqualTo("mvn -B test");
    assertThat(c.ci().runsTests()).isTrue();
    assertThat(CairnYaml.parse("ci: {}\n", "cairn.yaml").ci().testCommand()).isEqualTo("mvn -B test");
    assertThat(CairnYaml.parse("ci: {test_command: ''}\n", "cairn.yaml").ci().runsTests()).isFalse();
    assertThat(CairnYaml.parse("report:\n  tests: [a, b]\n", "cairn.yaml").report().tests()).isEqualTo(List.of("a", "b"));
  }

  @Test
  void errorsNameFileAndKey() {
    assertError("gates:\n  accuracy: {minimum: 1}\n",
        "cairn.yaml: gates.accuracy.minimum: unknown bound (expected min, max, max_drop or max_increase)");
    assertError("gates:\n  accuracy: {min: high}\n", "cairn.yaml: gates.accuracy.min: expected a number, found 'high'");
    assertError("gates:\n  accuracy: {min: 5%}\n",
        "cairn.yaml: gates.accuracy.min: a percentage is only allowed for max_drop and max_increase, found '5%'");
    assertError("gates:\n  loss: {max_increase: x%}\n",
        "cairn.yaml: gates.loss.max_increase: expected a number or a percentage such as 5%, found 'x%'");
    assertError("gates:\n  loss: {max_drop: -1}\n", "cairn.yaml: gates.loss.max_drop: expected an amount of 0 or more, found -1");
    assertError("gates:\n  loss: 0.5\n", "cairn.yaml: gates.loss: expected a mapping for gates.loss, found 0.5");
    assertError("gates:\n  loss: {}\n", "cairn.yaml: gates.loss: no bound given (min, max, max_drop or max_increase)");
    assertError("gates:\n  'm.json:': {min: 1}\n", "cairn.yaml: gates.m.json:: expected a metric name or file:name");
    assertError("gate:\n  loss: {max: 1}\n", "cairn.yaml: gate: unknown key (expected one of ci, executors, gates, report)");
    assertError("report: {bse: main}\n", "cairn.yaml: report.bse: unknown key (expected one of base, tests, title)");
    assertError("ci: {test_command: [a]}\n", "cairn.yaml: ci.test_command: expected a string, found a list");
    assertError("- a\n", "cairn.yaml: expected a mapping for the top level, found a list");
  }

  @Test
  void malformedYamlNamesTheLine() {
    assertThatThrownBy(() -> CairnYaml.parse("gates: {accuracy: [\n", "cairn.yaml"))
        .isInstanceOf(CairnException.class)
        .satisfies(e -> assertThat(((CairnException) e).kind()).isEqualTo(CairnException.Kind.INVALID_INPUT))
        .hasMessageStartingWith("cairn.yaml: malformed YAML at line");
  }

  private static void assertError(String yaml, String message) {
    assertThatThrownBy(() -> CairnYaml.parse(yaml, "cairn.yaml"))
        .isInstanceOf(CairnException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((CairnException) e).kind()).isEqualTo(CairnException.Kind.INVALID_INPUT));
  }
}
