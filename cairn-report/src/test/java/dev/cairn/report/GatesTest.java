package dev.cairn.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every gate form, and missing or unusable values on either side. */
class GatesTest {
  static MetricValues values(String rev, Object... fileKeyValue) {
    Map<String, Map<String, Object>> files = new LinkedHashMap<>();
    for (int i = 0; i < fileKeyValue.length; i += 3) {
      files.computeIfAbsent((String) fileKeyValue[i], k -> new LinkedHashMap<>())
          .put((String) fileKeyValue[i + 1], fileKeyValue[i + 2]);
    }
    return new MetricValues(rev, files);
  }

  static Gate gate(String yaml) throws Exception {
    List<Gate> gates = CairnYaml.parse("gates:\n  " + yaml + "\n", "cairn.yaml").gates();
    assertThat(gates).hasSize(1);
    return gates.get(0);
  }

  final MetricValues head = values("workspace", "m.json", "accuracy", 0.52, "m.json", "loss", 0.75);
  final MetricValues base = values("main", "m.json", "accuracy", 0.6, "m.json", "loss", 0.7);

  @Test
  void min() throws Exception {
    GateResult fail = Gates.evaluate(gate("accuracy: {min: 0.55}"), head, base);
    assertThat(fail.passed()).isFalse();
    assertThat(fail.message()).isEqualTo("accuracy 0.52 < min 0.55");
    assertThat(fail.head()).isEqualTo(0.52);
    assertThat(fail.file()).isEqualTo("m.json");
    GateResult pass = Gates.evaluate(gate("accuracy: {min: 0.5}"), head, base);
    assertThat(pass.passed()).isTrue();
    assertThat(pass.message()).isEqualTo("accuracy 0.52 >= min 0.5");
    assertThat(Gates.evaluate(gate("accuracy: {min: 0.52}"), head, base).passed()).isTrue();
  }

  @Test
  void max() throws Exception {
    assertThat(Gates.evaluate(gate("loss: {max: 0.7}"), head, base).message()).isEqualTo("loss 0.75 > max 0.7");
    assertThat(Gates.evaluate(gate("loss: {max: 0.8}"), head, base).passed()).isTrue();
  }

  @Test
  void maxDropAbsoluteAndRelative() throws Exception {
    GateResult abs = Gates.evaluate(gate("accuracy: {max_drop: 0.01}"), head, base);
    assertThat(abs.passed()).isFalse();
    assertThat(abs.message()).isEqualTo("accuracy dropped 0.08 (0.6 -> 0.52) > max_drop 0.01");
    assertThat(abs.base()).isEqualTo(0.6);
    assertThat(Gates.evaluate(gate("accuracy: {max_drop: 0.08}"), head, base).passed()).isTrue();
    GateResult rel = Gates.evaluate(gate("accuracy: {max_drop: 10%}"), head, base);
    assertThat(rel.passed()).isFalse();
    assertThat(rel.message()).isEqualTo("accuracy dropped 13.3333% (0.6 -> 0.52) > max_drop 10%");
    assertThat(Gates.evaluate(gate("accuracy: {max_drop: 15%}"), head, base).passed()).isTrue();
    MetricValues better = values("workspace", "m.json", "accuracy", 0.7);
    GateResult rose = Gates.evaluate(gate("accuracy: {max_drop: 0}"), better, base);
    assertThat(rose.passed()).isTrue();
    assertThat(rose.message()).isEqualTo("accuracy rose 0.1 (0.6 -> 0.7) <= max_drop 0");
    assertThat(Gates.evaluate(gate("loss: {max_increase: 5%}"), values("w", "m.json", "loss", 0.63), base).message())
        .isEqualTo("loss decreased 10% (0.7 -> 0.63) <= max_increase 5%");
  }

  @Test
  void maxIncreaseAbsoluteAndRelative() throws Exception {
    GateResult rel = Gates.evaluate(gate("loss: {max_increase: 5%}"), head, base);
    assertThat(rel.passed()).isFalse();
    assertThat(rel.message()).isEqualTo("loss increased 7.14286% (0.7 -> 0.75) > max_increase 5%");
    assertThat(Gates.evaluate(gate("loss: {max_increase: 8%}"), head, base).passed()).isTrue();
    GateResult abs = Gates.evaluate(gate("loss: {max_increase: 0.05}"), head, base);
    assertThat(abs.passed()).as(abs.message()).isTrue();
    assertThat(abs.message()).isEqualTo("loss increased 0.05 (0.7 -> 0.75) <= max_increase 0.05");
    assertThat(Gates.evaluate(gate("loss: {max_increase: 0.04}"), head, base).passed()).isFalse();
  }

  @Test
  void relativeFromZero() throws Exception {
    MetricValues zero = values("main", "m.json", "loss", 0);
    assertThat(Gates.evaluate(gate("loss: {max_increase: 5%}"), head, zero).passed()).isFalse();
    assertThat(Gates.evaluate(gate("loss: {max_increase: 5%}"), values("w", "m.json", "loss", 0), zero).passed())
        .isTrue();
  }

  @Test
  void fileQualifiedName() throws Exception {
    MetricValues two = values("workspace", "a.json", "accuracy", 0.9, "dvclive/metrics.json", "accuracy", 0.5);
    GateResult q = Gates.evaluate(gate("dvclive/metrics.json:accuracy: {min: 0.55}"), two, base);
    assertThat(q.passed()).isFalse();
    assertThat(q.file()).isEqualTo("dvclive/metrics.json");
    assertThat(q.message()).isEqualTo("dvclive/metrics.json:accuracy 0.5 < min 0.55");
    GateResult ambiguous = Gates.evaluate(gate("accuracy: {min: 0.1}"), two, base);
    assertThat(ambiguous.passed()).isFalse();
    assertThat(ambiguous.message())
        .isEqualTo("accuracy is ambiguous (in a.json, dvclive/metrics.json; write file:name) in workspace");
  }

  @Test
  void nestedNamesAreFlattened() throws Exception {
    MetricValues nested = values("workspace", "m.json", "test.acc", 0.9);
    assertThat(Gates.evaluate(gate("test.acc: {min: 0.8}"), nested, base).passed()).isTrue();
  }

  @Test
  void missingOnEitherSideFails() throws Exception {
    GateResult noHead = Gates.evaluate(gate("f1: {min: 0.1}"), head, base);
    assertThat(noHead.passed()).isFalse();
    assertThat(noHead.message()).isEqualTo("f1 is missing in workspace");
    MetricValues headWithF1 = values("workspace", "m.json", "f1", 0.8);
    GateResult noBase = Gates.evaluate(gate("f1: {max_drop: 0.1}"), headWithF1, base);
    assertThat(noBase.passed()).isFalse();
    assertThat(noBase.head()).isEqualTo(0.8);
    assertThat(noBase.message()).isEqualTo("f1 is missing in base main (max_drop needs it)");
    assertThat(Gates.evaluate(gate("f1: {min: 0.5}"), headWithF1, values("main")).passed())
        .as("min does not need the base").isTrue();
    GateResult wrongFile = Gates.evaluate(gate("other.json:accuracy: {min: 0.1}"), head, base);
    assertThat(wrongFile.passed()).isFalse();
    assertThat(wrongFile.message()).isEqualTo("other.json:accuracy is missing in workspace");
  }

  @Test
  void nonNumbersFail() throws Exception {
    MetricValues text = values("workspace", "m.json", "accuracy", "high", "m.json", "ok", true);
    assertThat(Gates.evaluate(gate("accuracy: {min: 0.1}"), text, base).message())
        .isEqualTo("accuracy is not a finite number (high) in workspace");
    assertThat(Gates.evaluate(gate("ok: {min: 0}"), text, base).passed()).isFalse();
    assertThat(Gates.evaluate(gate("accuracy: {min: 0.1}"), values("w", "m.json", "accuracy", Double.NaN), base)
        .passed()).isFalse();
  }

  @Test
  void integersAndAllPassed() throws Exception {
    MetricValues ints = values("workspace", "m.json", "epochs", 10L);
    GateResult r = Gates.evaluate(gate("epochs: {max: 10}"), ints, base);
    assertThat(r.passed()).isTrue();
    assertThat(r.message()).isEqualTo("epochs 10 <= max 10");
    assertThat(Gates.allPassed(List.of(r))).isTrue();
    assertThat(Gates.allPassed(List.of())).isTrue();
  }
}
