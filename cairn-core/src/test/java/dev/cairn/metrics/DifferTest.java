package dev.cairn.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferTest {
  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static RevisionResult rev(String name, String path, Object data) {
    return RevisionResult.ofFiles(name, Map.of(path, FileResult.ofData(data)));
  }

  @Test
  void numbersGetADiffAndJsonMatchesDvc() {
    DiffResult d = Differ.diff(rev("HEAD", "metrics.json", map("acc", 0.8)),
        rev("workspace", "metrics.json", map("acc", 0.9)), false);
    assertThat(d.json(false)).isEqualTo(
        "{\"metrics.json\": {\"acc\": {\"old\": 0.8, \"new\": 0.9, \"diff\": 0.09999999999999998}}}\n");
  }

  @Test
  void pythonEqualityHidesUnchangedUnlessAll() {
    RevisionResult a = rev("a", "p.yaml", map("x", 1L, "y", true, "z", "s"));
    RevisionResult b = rev("b", "p.yaml", map("x", 1.0, "y", 1L, "z", "s"));
    assertThat(Differ.diff(a, b, false).diff()).isEmpty();
    Map<String, Change> all = Differ.diff(a, b, true).diff().get("p.yaml");
    assertThat(all).containsOnlyKeys("x", "y", "z");
    assertThat(all.get("x").diff()).isEqualTo(0.0);
    assertThat(all.get("y").diff()).isEqualTo(0L);
    assertThat(all.get("z").diff()).isNull();
  }

  @Test
  void listsBecomePythonStrAndMissingSidesAreNull() {
    RevisionResult a = rev("a", "params.yaml", map("l", List.of("a", "b"), "gone", 1L));
    RevisionResult b = rev("b", "params.yaml", map("l", List.of("a", "c"), "new", map("k", 2L)));
    Map<String, Change> c = Differ.diff(a, b, false).diff().get("params.yaml");
    assertThat(c.keySet()).containsExactly("gone", "l", "new.k");
    assertThat(c.get("l")).isEqualTo(new Change("['a', 'b']", "['a', 'c']", null));
    assertThat(c.get("gone")).isEqualTo(new Change(1L, null, null));
    assertThat(c.get("new.k")).isEqualTo(new Change(null, 2L, null));
  }

  @Test
  void erroredFileCountsAsMissingAndIsReported() {
    RevisionResult a = rev("HEAD", "m.json", map("acc", 1L));
    RevisionResult b = RevisionResult.ofFiles("workspace",
        Map.of("m.json", FileResult.ofError(new ReadError("JSONFileCorruptedError", "x"))));
    DiffResult d = Differ.diff(a, b, false);
    assertThat(d.diff().get("m.json").get("acc")).isEqualTo(new Change(1L, null, null));
    assertThat(d.erroredRevisions()).containsExactly("workspace");
  }

  @Test
  void scalarFiles() {
    DiffResult d = Differ.diff(rev("a", "m.yaml", 1.1), rev("b", "m.yaml", 1.5), false);
    assertThat(d.diff().get("m.yaml")).containsOnlyKeys("");
    DiffResult mixed = Differ.diff(rev("a", "m.yaml", 1.1), rev("b", "m.yaml", map("k", 1L)), false);
    assertThat(mixed.diff().get("m.yaml").get("k")).isEqualTo(new Change("unable to parse", 1L, null));
  }

  @Test
  void pyValues() {
    assertThat(PyValues.round(2.675, 2)).isEqualTo(2.67);
    assertThat(PyValues.round(0.5, 0)).isEqualTo(0.0);
    assertThat(PyValues.round(-0.000001, 5)).isEqualTo(-0.0);
    assertThat(PyValues.formatField(-0.000001, 5)).isEqualTo("-0.0");
    assertThat(PyValues.formatField(1234.5678, -2)).isEqualTo("1200.0");
    assertThat(PyValues.formatField(List.of(0.123456789, "a"), 3)).isEqualTo("[0.123, 'a']");
    assertThat(MetricsFormat.effectivePrecision(null)).isEqualTo(5);
    assertThat(MetricsFormat.effectivePrecision(0)).isEqualTo(5);
    assertThat(MetricsFormat.effectivePrecision(2)).isEqualTo(2);
    assertThat(PyValues.subtract(Long.MAX_VALUE, -1L)).hasToString("9223372036854775808");
    assertThat(PyValues.equal(List.of(1L, 2.0), List.of(1.0, 2L))).isTrue();
    assertThat(PyValues.equal("1", 1L)).isFalse();
    assertThat(PyValues.equal(9007199254740993L, 9007199254740992.0)).isFalse();
  }
}
