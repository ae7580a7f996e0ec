package dev.cairn.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden texts from DVC's tests/unit/test_compare.py and the format reference §7.3. */
class MetricsFormatTest {
  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static DiffResult diffOf(Map<String, Map<String, Change>> d) {
    RevisionResult empty = RevisionResult.ofFiles("x", Map.of());
    return new DiffResult("HEAD", "workspace", d, empty, empty);
  }

  private static DiffResult sample() {
    Map<String, Change> changes = new LinkedHashMap<>();
    changes.put("a.b.c", new Change(1L, 2L, 1L));
    changes.put("a.d.e", new Change(3L, 4L, 1L));
    changes.put("x.b", new Change(5L, 6L, null));
    return diffOf(Map.of("metrics.yaml", changes));
  }

  @Test
  void diffPlainMatchesTabulatePlain() {
    String out = MetricsFormat.diffTable(sample(), MetricsFormat.DiffTableOptions.metrics(false, 5)).plain();
    assertThat(out).isEqualTo(
        "Path          Metric    HEAD    workspace    Change\n"
            + "metrics.yaml  a.b.c     1       2            1\n"
            + "metrics.yaml  a.d.e     3       4            1\n"
            + "metrics.yaml  x.b       5       6            -\n");
  }

  @Test
  void diffMarkdownMatchesTabulateGithubPlusBlankLine() {
    String out = MetricsFormat.diffTable(sample(), MetricsFormat.DiffTableOptions.metrics(false, 5)).markdown();
    assertThat(out).isEqualTo(
        "| Path         | Metric   | HEAD   | workspace   | Change   |\n"
            + "|--------------|----------|--------|-------------|----------|\n"
            + "| metrics.yaml | a.b.c    | 1      | 2           | 1        |\n"
            + "| metrics.yaml | a.d.e    | 3      | 4           | 1        |\n"
            + "| metrics.yaml | x.b      | 5      | 6           | -        |\n"
            + "\n");
  }

  @Test
  void diffCsvAndNoPath() {
    TextTable t = MetricsFormat.diffTable(sample(), MetricsFormat.DiffTableOptions.metrics(true, 5));
    assertThat(t.headers()).containsExactly("Metric", "HEAD", "workspace", "Change");
    assertThat(t.csv()).startsWith("Metric,HEAD,workspace,Change\r\na.b.c,1,2,1\r\n");
  }

  @Test
  void diffRoundsWithPythonRound() {
    DiffResult d = diffOf(Map.of("metrics.json", Map.of("a.b.c", new Change(1.1234, 2.2345, 3.3456))));
    TextTable t = MetricsFormat.diffTable(d, MetricsFormat.DiffTableOptions.metrics(false, 3));
    assertThat(t.rows().get(0)).containsExactly("metrics.json", "a.b.c", "1.123", "2.235", "3.346");
    DiffResult z = diffOf(Map.of("metrics.yaml", Map.of("x.b", new Change(0L, 0.0, 0.0))));
    assertThat(MetricsFormat.diffTable(z, MetricsFormat.DiffTableOptions.metrics(false, 5)).rows().get(0))
        .containsExactly("metrics.yaml", "x.b", "0", "0.0", "0.0");
  }

  @Test
  void paramsDiffHasNoChangeColumnAndPythonStr() {
    Map<String, Change> c = new LinkedHashMap<>();
    c.put("a.b.c", new Change(1L, "[2, 3]", null));
    c.put("flag", new Change(true, false, -1L));
    c.put("lr", new Change(0.001, 1e-05, null));
    c.put("new", new Change(null, "new", null));
    TextTable t = MetricsFormat.diffTable(diffOf(Map.of("params.yaml", c)), MetricsFormat.DiffTableOptions.params(false));
    assertThat(t.headers()).containsExactly("Path", "Param", "HEAD", "workspace");
    assertThat(t.rows()).containsExactly(
        List.of("params.yaml", "a.b.c", "1", "[2, 3]"),
        List.of("params.yaml", "flag", "True", "False"),
        List.of("params.yaml", "lr", "0.001", "1e-05"),
        List.of("params.yaml", "new", "-", "new"));
  }

  @Test
  void showTableDefault() {
    Map<String, RevisionResult> r = new LinkedHashMap<>();
    r.put("branch_1", RevisionResult.ofFiles("branch_1", Map.of("metrics.json",
        FileResult.ofData(map("b", map("ad", 1L, "bc", 2L), "c", 4L)))));
    r.put("branch_2", RevisionResult.ofFiles("branch_2", Map.of("metrics.json",
        FileResult.ofData(map("a", 1L, "b", map("ad", 3L, "bc", 4L))))));
    r.put("branch_3", RevisionResult.ofError("branch_3", new ReadError("YAMLFileCorruptedError", "failed")));
    TextTable t = MetricsFormat.showTable(r, true, 5);
    assertThat(t.plain()).isEqualTo(
        "Revision    Path          a    b.ad    b.bc    c\n"
            + "branch_1    metrics.json  -    1       2       4\n"
            + "branch_2    metrics.json  1    3       4       -\n");
    assertThat(t.markdown()).isEqualTo(
        "| Revision   | Path         | a   | b.ad   | b.bc   | c   |\n"
            + "|------------|--------------|-----|--------|--------|-----|\n"
            + "| branch_1   | metrics.json | -   | 1      | 2      | 4   |\n"
            + "| branch_2   | metrics.json | 1   | 3      | 4      | -   |\n"
            + "\n");
  }

  @Test
  void showTablePrecisionScalarsAndNoRevision() {
    Map<String, RevisionResult> r = new LinkedHashMap<>();
    r.put("", RevisionResult.ofFiles("", Map.of("metrics.json",
        FileResult.ofData(map("a", 1.098765366365355, "b", map("ad", 1.5342673, "bc", 2.987725527))))));
    TextTable t = MetricsFormat.showTable(r, false, 4);
    assertThat(t.headers()).containsExactly("Path", "a", "b.ad", "b.bc");
    assertThat(t.rows().get(0)).containsExactly("metrics.json", "1.0988", "1.5343", "2.9877");
    Map<String, RevisionResult> s = Map.of("b", RevisionResult.ofFiles("b", Map.of("m.yaml", FileResult.ofData(1L))));
    assertThat(MetricsFormat.showTable(s, true, 5).rows().get(0)).containsExactly("b", "m.yaml", "1");
    assertThat(MetricsFormat.showTable(Map.of(), false, 5).plain()).isEmpty();
  }

  @Test
  void showJsonCompactKeepsOrderAndErrors() {
    Map<String, RevisionResult> r = new LinkedHashMap<>();
    Map<String, FileResult> files = new LinkedHashMap<>();
    files.put("metrics.json", FileResult.ofData(map("acc", 0.9, "loss", map("val", 0.2))));
    files.put("missing.json", FileResult.ofError(ReadError.notFound("missing.json")));
    r.put("workspace", RevisionResult.ofFiles("workspace", files));
    assertThat(MetricsFormat.showJson(r, false)).isEqualTo(
        "{\"workspace\": {\"data\": {\"metrics.json\": {\"data\": {\"acc\": 0.9, \"loss\": {\"val\": 0.2}}}, "
            + "\"missing.json\": {\"error\": {\"type\": \"FileNotFoundError\", "
            + "\"msg\": \"[Errno 2] No such file or directory: 'missing.json'\"}}}}}\n");
    assertThat(MetricsFormat.showJson(Map.of("", RevisionResult.ofFiles("", Map.of())), true))
        .isEqualTo("{\n  \"\": {\n    \"data\": {}\n  }\n}\n");
  }

  @Test
  void csvQuotesLikePython() {
    TextTable t = new TextTable(List.of("Path", "v"), List.of(List.of("a,b", "say \"hi\"")));
    assertThat(t.csv()).isEqualTo("Path,v\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n");
  }
}
