package dev.cairn.exp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.errors.CairnException;
import dev.cairn.metrics.FileResult;
import dev.cairn.metrics.ReadError;
import dev.cairn.metrics.RevisionResult;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Column naming, cell formatting and errors of the exp show table, on hand-made states. */
class ExpTableTest {
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  static final String EXP = "fedcba9876543210fedcba9876543210fedcba98";

  private static ExpData data(String rev, LocalDateTime ts, Map<String, FileResult> metrics, Object params) {
    return new ExpData(rev, ts, RevisionResult.ofFiles(rev, Map.of("params.yaml", FileResult.ofData(params))),
        RevisionResult.ofFiles(rev, metrics), Map.of(), Map.of());
  }

  private static Map<String, FileResult> two(Object a, Object b) {
    Map<String, FileResult> m = new LinkedHashMap<>();
    m.put("m1.json", FileResult.ofData(Map.of("acc", a)));
    m.put("m2.json", b instanceof ReadError e ? FileResult.ofError(e) : FileResult.ofData(Map.of("acc", b)));
    return m;
  }

  private static Map<String, Object> params(Object lr, Object layers) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lr", lr);
    m.put("layers", layers);
    return m;
  }

  private static ExpShowResult result() {
    ExpState ws = new ExpState("workspace", null, data("workspace", null, two(0.5, 0.25), Map.of("lr", 1e-05)), null, null);
    ExpState exp = new ExpState(EXP, "e1", data(EXP, LocalDateTime.of(2024, 3, 5, 14, 7),
        two(0.123456789, new ReadError("JSONFileCorruptedError", "bad")), params(true, List.of(1, 2))),
        null, null);
    ExpState base = new ExpState(SHA, null, null, new ReadError("YAMLSyntaxError", "broken dvc.yaml"),
        List.of(new ExpRange(List.of(exp), "e1", "refs/exps/x")));
    return new ExpShowResult(List.of(ws, base));
  }

  @Test
  void namesInSeveralFilesArePrefixedAndErrorsShowAsBang() throws CairnException {
    String t = ExpTable.build(result(), ExpTable.Options.defaults(LocalDate.of(2024, 3, 5))).plain();
    assertThat(t).isEqualTo("""
        Experiment        Created    m1.json:acc    m2.json:acc    lr     layers
        workspace         -          0.5            0.25           1e-05  -
        0123456           !          !              !              !      !
        └── fedcba9 [e1]  02:07 PM   0.12346        !              True   [1, 2]
        """);
    String csv = ExpTable.build(result(), new ExpTable.Options(true, null, null, false, false, LocalDate.of(2024, 3, 6)))
        .csv();
    assertThat(csv.split("\r\n")[3]).isEqualTo("e1,fedcba9,branch_base,2024-03-05T14:07:00,,0.123456789,!,True,\"[1, 2]\"");
  }

  @Test
  void ambiguousSortColumn() {
    assertThatThrownBy(() -> ExpTable.build(result(), new ExpTable.Options(false, null, "acc", false, false,
        LocalDate.now()))).isInstanceOf(CairnException.class)
        .hasMessage("Ambiguous sort column 'acc' matched 'm1.json:acc, m2.json:acc'; give it as file:name");
  }

  @Test
  void textTableIsDvc3sRichTableWithRulesAndMetricsAlignedRight() throws CairnException {
    String t = ExpTable.text(result(), ExpTable.Options.defaults(LocalDate.of(2024, 3, 5)));
    assertThat(t).isEqualTo("""
         ──────────────────────────────────────────────────────────────────────────
          Experiment         Created    m1.json:acc   m2.json:acc   lr      layers
         ──────────────────────────────────────────────────────────────────────────
          workspace          -                  0.5          0.25   1e-05   -
          0123456            !                    !             !   !       !
          └── fedcba9 [e1]   02:07 PM       0.12346             !   True    [1, 2]
         ──────────────────────────────────────────────────────────────────────────
        """);
  }

  @Test
  void expDiffPrintsMetricsWithFiveSignificantDigits() {
    dev.cairn.metrics.DiffResult m = new dev.cairn.metrics.DiffResult("HEAD", "workspace",
        Map.of("metrics.json", Map.of("loss", new dev.cairn.metrics.Change(0.0037433219, 0.0041234567,
            0.0041234567 - 0.0037433219))),
        RevisionResult.ofFiles("HEAD", Map.of()), RevisionResult.ofFiles("workspace", Map.of()));
    dev.cairn.metrics.DiffResult p = new dev.cairn.metrics.DiffResult("HEAD", "workspace", Map.of(),
        RevisionResult.ofFiles("HEAD", Map.of()), RevisionResult.ofFiles("workspace", Map.of()));
    assertThat(new ExpDiff(m, p).metricsTable(false, 5).plain()).isEqualTo("""
        Path          Metric    HEAD       workspace    Change
        metrics.json  loss      0.0037433  0.0041235    0.00038013
        """);
  }
}
