package dev.cairn.plots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.revision.RevisionFiles;
import dev.cairn.revision.WorkspaceFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsCollectorTest {
  @TempDir Path a;
  @TempDir Path b;

  private static void write(Path root, String path, String text) throws Exception {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private Map<String, RevisionFiles> revs() {
    Map<String, RevisionFiles> m = new LinkedHashMap<>();
    m.put("workspace", new WorkspaceFiles(a));
    m.put("main", new WorkspaceFiles(b));
    return m;
  }

  @Test
  void csvAndTsvReadersFollowPythonCsv() {
    assertThat(PlotDataReader.parseDelimited("a,b\n1,\"x,y\"\n\n2,3\r\n", ',', true))
        .containsExactly(Map.of("a", "1", "b", "x,y"), Map.of("a", "2", "b", "3"));
    assertThat(PlotDataReader.parseDelimited("1\t2\n3\t4\n", '\t', false))
        .containsExactly(Map.of("0", "1", "1", "2"), Map.of("0", "3", "1", "4"));
  }

  @Test
  void datapointsMergeListsInsideMaps() {
    Object content = Map.of("train", List.of(Map.of("loss", 1), Map.of("loss", 2)));
    assertThat(PlotDataReader.datapoints(content)).containsExactly(Map.of("loss", 1), Map.of("loss", 2));
    assertThat(PlotDataReader.datapoints(List.of(Map.of("a", 1), Map.of("b", 2)))).isEmpty();
  }

  @Test
  void dvcLiveFilesOverlayRevisions() throws Exception {
    String dvcYaml = "plots:\n- dvclive/plots/metrics:\n    x: step\n"
        + "- dvclive/plots/sklearn/roc.json:\n    template: simple\n    x: fpr\n    y: tpr\n"
        + "    title: Receiver operating characteristic (ROC)\n"
        + "- dvclive/plots/sklearn/confusion_matrix.json:\n    template: confusion\n    x: actual\n    y: predicted\n";
    for (Path root : List.of(a, b)) {
      write(root, "dvc.yaml", dvcYaml);
      write(root, "dvclive/plots/metrics/acc.tsv", "timestamp\tstep\tacc\n1\t0\t0.5\n2\t1\t0.7\n3\t2\t0.8\n");
      write(root, "dvclive/plots/sklearn/roc.json",
          "{\"roc\": [{\"fpr\": 0.0, \"tpr\": 0.0, \"threshold\": 2}, {\"fpr\": 1.0, \"tpr\": 1.0, \"threshold\": 0}]}");
      write(root, "dvclive/plots/sklearn/confusion_matrix.json",
          "[{\"actual\": \"0\", \"predicted\": \"0\"}, {\"actual\": \"1\", \"predicted\": \"0\"}]");
    }
    PlotsResult r = PlotsCollector.collect(revs(), PlotDefinitions::fromDvcYaml, List.of());
    assertThat(r.errors()).isEmpty();
    assertThat(r.plots()).extracting(Plot::id).containsExactly("dvclive/plots/metrics/acc.tsv",
        "dvclive/plots/sklearn/roc.json", "dvclive/plots/sklearn/confusion_matrix.json");
    Plot acc = r.plots().get(0);
    assertThat(acc.kind()).isEqualTo(ChartKind.LINE);
    assertThat(acc.xLabel()).isEqualTo("step");
    assertThat(acc.yLabel()).isEqualTo("acc");
    assertThat(acc.series()).extracting(Series::name).containsExactly("workspace", "main");
    assertThat(acc.series().get(0).ys()).containsExactly(0.5, 0.7, 0.8);
    Plot roc = r.plots().get(1);
    assertThat(roc.title()).isEqualTo("Receiver operating characteristic (ROC)");
    assertThat(roc.xLabel()).isEqualTo("fpr");
    Plot cm = r.plots().get(2);
    assertThat(cm.kind()).isEqualTo(ChartKind.CONFUSION);
    assertThat(cm.series().get(0).xs()).containsExactly("0", "1");
  }

  @Test
  void targetsWithoutDefinitionsGetDvcLiveDefaults() throws Exception {
    write(a, "eval/plots/sklearn/precision_recall.json",
        "{\"precision_recall\": [{\"precision\": 1.0, \"recall\": 0.0, \"threshold\": 0.9}]}");
    PlotsResult r = PlotsCollector.collect(Map.of("workspace", new WorkspaceFiles(a)),
        f -> List.of(), List.of("eval/plots/sklearn/precision_recall.json"));
    Plot p = r.plots().get(0);
    assertThat(p.title()).isEqualTo("Precision-Recall Curve");
    write(a, "eval/plots/metrics/loss.tsv", "step\tloss\n0\t1.0\n1\t0.5\n");
    PlotsResult dir = PlotsCollector.collect(Map.of("workspace", new WorkspaceFiles(a)), f -> List.of(),
        List.of("eval/plots"));
    assertThat(dir.plots()).extracting(Plot::id).containsExactly("eval/plots/metrics/loss.tsv",
        "eval/plots/sklearn/precision_recall.json");
    assertThat(dir.plots().get(0).yLabel()).isEqualTo("loss");
    assertThat(p.xLabel()).isEqualTo("Recall");
    assertThat(p.series().get(0).xs()).containsExactly(0.0);
  }

  @Test
  void badInputIsReportedPerRevisionAndFile() throws Exception {
    write(a, "dvc.yaml", "plots:\n- loss.csv:\n    x: epoch\n    y: loss\n- multi:\n    y:\n      t.json: [a, b]\n");
    write(a, "loss.csv", "epoch,loss\n1,0.5\n2,oops\n3,0.2\n4,nan\n");
    write(a, "t.json", "{\"a\": 1");
    write(b, "dvc.yaml", "plots:\n- loss.csv:\n    x: epoch\n    y: loss\n");
    write(b, "loss.csv", "epoch,los\n1,0.5\n");
    PlotsResult r = PlotsCollector.collect(revs(), PlotDefinitions::fromDvcYaml, List.of());
    assertThat(r.plots()).hasSize(2);
    assertThat(r.plots().get(0).series()).hasSize(1);
    assertThat(r.plots().get(0).series().get(0).xs()).containsExactly(1.0, 3.0);
    assertThat(r.errors()).extracting(e -> e.revision() + " " + e.error().type()).containsExactly(
        "workspace ValueError", "main FieldNotFoundError", "workspace JSONFileCorruptedError",
        "main FileNotFoundError");
    assertThat(r.errors().get(0).error().msg()).isEqualTo("2 of 4 points skipped: value 'oops' is not a finite number");
    assertThat(r.errors().get(1).error().msg())
        .isEqualTo("Could not find provided field ('loss') in data fields ('epoch, los').");
    assertThat(r.plots().get(1).yLabel()).isEqualTo("y");
  }

  @Test
  void stagePlotsAndMultiFileDefinitions() throws Exception {
    write(a, "sub/dvc.yaml", "stages:\n  train:\n    cmd: x\n    wdir: work\n    plots:\n"
        + "    - out/hist.json:\n        x: epoch\n        y: [loss, val_loss]\n        template: scatter\n"
        + "        x_label: Epoch\n"
        + "plots:\n- compare:\n    x:\n      a.csv: n\n    y:\n      a.csv: v\n      b.csv: v\n    title: A vs B\n");
    write(a, "sub/work/out/hist.json",
        "{\"train\": [{\"epoch\": 1, \"loss\": 0.9, \"val_loss\": 1.0}, {\"epoch\": 2, \"loss\": 0.5, \"val_loss\": 0.7}]}");
    write(a, "sub/a.csv", "n,v\n1,10\n2,20\n");
    write(a, "sub/b.csv", "n,v\n1,15\n2,5\n");
    PlotsResult r = PlotsCollector.collect(Map.of("workspace", new WorkspaceFiles(a)), PlotDefinitions::fromDvcYaml,
        List.of());
    assertThat(r.errors()).isEmpty();
    assertThat(r.plots()).extracting(Plot::id).containsExactly("compare", "sub/work/out/hist.json");
    Plot compare = r.plots().get(0);
    assertThat(compare.title()).isEqualTo("A vs B");
    assertThat(compare.xLabel()).isEqualTo("n");
    assertThat(compare.yLabel()).isEqualTo("v");
    assertThat(compare.series()).extracting(Series::name).containsExactly("workspace: a.csv: v", "workspace: b.csv: v");
    assertThat(compare.series().get(1).xs()).containsExactly(1.0, 2.0);
    Plot hist = r.plots().get(1);
    assertThat(hist.kind()).isEqualTo(ChartKind.SCATTER);
    assertThat(hist.xLabel()).isEqualTo("Epoch");
    assertThat(hist.yLabel()).isEqualTo("y");
    assertThat(hist.series()).extracting(Series::name).containsExactly("workspace: loss", "workspace: val_loss");
    assertThat(hist.series().get(1).ys()).containsExactly(1.0, 0.7);
  }

  @Test
  void templatesMapToKinds() {
    assertThat(ChartKind.forTemplate("linear")).isEqualTo(ChartKind.LINE);
    assertThat(ChartKind.forTemplate("simple")).isEqualTo(ChartKind.LINE);
    assertThat(ChartKind.forTemplate("smooth")).isEqualTo(ChartKind.SMOOTH);
    assertThat(ChartKind.forTemplate("scatter_jitter")).isEqualTo(ChartKind.SCATTER);
    assertThat(ChartKind.forTemplate("bar_horizontal_sorted")).isEqualTo(ChartKind.BAR_HORIZONTAL);
    assertThat(ChartKind.forTemplate(".dvc/plots/confusion_normalized.json")).isEqualTo(ChartKind.CONFUSION_NORMALIZED);
    assertThat(PlotsCollector.number("1e-3")).isEqualTo(0.001);
    assertThat(PlotsCollector.number("abc")).isNull();
  }

  @Test
  void aPlotWithoutDataKeepsTheAxesDvcYamlNames() throws Exception {
    write(a, "dvc.yaml", "plots:\n- eval/roc.json:\n    x: fpr\n    y: tpr\n");
    PlotsResult r = PlotsCollector.collect(Map.of("workspace", new WorkspaceFiles(a)), PlotDefinitions::fromDvcYaml,
        List.of());
    assertThat(r.plots()).singleElement().satisfies(p -> {
      assertThat(p.series()).isEmpty();
      assertThat(p.xLabel()).isEqualTo("fpr");
      assertThat(p.yLabel()).isEqualTo("tpr");
    });
  }

  @Test
  void imagesArePlotsOfTheirOwnOnePerRevision() throws Exception {
    write(a, "dvc.yaml", "plots:\n- eval/cm.png\n- eval/images\n");
    write(b, "dvc.yaml", "plots:\n- eval/cm.png\n- eval/images\n");
    write(a, "eval/cm.png", "new image");
    write(b, "eval/cm.png", "old image");
    write(a, "eval/images/a.jpg", "jpeg");
    write(a, "eval/images/b.svg", "<svg/>");
    PlotsResult r = PlotsCollector.collect(revs(), PlotDefinitions::fromDvcYaml, List.of());
    assertThat(r.errors()).extracting(PlotError::describe).noneMatch(e -> e.contains("file type error"));
    assertThat(r.plots()).extracting(Plot::id).containsExactly("eval/cm.png", "eval/images/a.jpg", "eval/images/b.svg");
    Plot cm = r.plots().get(0);
    assertThat(cm.kind()).isEqualTo(ChartKind.IMAGE);
    assertThat(cm.images()).extracting(PlotImage::revision).containsExactly("workspace", "main");
    assertThat(new String(cm.images().get(0).content(), StandardCharsets.UTF_8)).isEqualTo("new image");
    assertThat(new String(cm.images().get(1).content(), StandardCharsets.UTF_8)).isEqualTo("old image");
    assertThat(r.plots().get(1).images()).extracting(PlotImage::revision).containsExactly("workspace");
  }

  @Test
  void aDirectoryMissingFromOneRevisionIsNotAPlotOfItsOwn() throws Exception {
    write(a, "dvc.yaml", "plots:\n- plots:\n    x: x\n");
    write(b, "dvc.yaml", "plots:\n- plots:\n    x: x\n");
    write(a, "plots/a.csv", "x,y\n1,2\n");
    write(a, "plots/b.csv", "x,y\n1,3\n");
    PlotsResult r = PlotsCollector.collect(revs(), PlotDefinitions::fromDvcYaml, List.of());
    assertThat(r.plots()).extracting(Plot::id).containsExactly("plots/a.csv", "plots/b.csv");
    assertThat(r.errors()).extracting(PlotError::describe).noneMatch(e -> e.contains("file type error"));
  }
}
