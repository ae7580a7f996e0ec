package dev.cairn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plots.PlotDefinitions;
import dev.cairn.plots.PlotsQueries;
import dev.cairn.plots.PlotsResult;
import dev.cairn.plots.Series;
import dev.cairn.revision.CachedOutputs;
import dev.cairn.revision.DvcYamlScan;
import dev.cairn.revision.Revisions;
import dev.cairn.revision.UnknownRevisionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-level entry points over a real repository: defaults, hidden workspace, unknown revisions. */
class QueriesGitTest {
  @TempDir Path dir;

  private void write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private void commit(Git git) throws Exception {
    git.add().addFilepattern(".").call();
    git.commit().setMessage("c").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
  }

  @Test
  void showDiffAndPlotsThroughQueries() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      write("dvc.yaml", "metrics:\n- m.json\nparams:\n- p.toml\nplots:\n- loss.csv:\n    x: epoch\n");
      write("m.json", "{\"acc\": 0.5}");
      write("p.toml", "[train]\nlr = 0.1\n");
      write("loss.csv", "epoch,loss\n1,0.9\n2,0.5\n");
      commit(git);
      git.branchCreate().setName("other").call();
    }
    try (Revisions revs = Revisions.open(dir, CachedOutputs.NONE)) {
      MetricsQueries q = new MetricsQueries(revs, new DvcYamlScan());
      assertThat(q.metricsShow(List.of(), false, false, false)).containsOnlyKeys("");
      assertThat(q.metricsShow(List.of(), true, false, false)).containsOnlyKeys("main,other");
      assertThat(q.metricsDiff("HEAD", "workspace", List.of(), false).diff()).isEmpty();
      assertThat(q.paramsShow(List.of(), false, false, false).get("").files().get("p.toml").data())
          .isEqualTo(Map.of("train", Map.of("lr", 0.1)));
      PlotsQueries pq = new PlotsQueries(revs, PlotDefinitions::fromDvcYaml);
      assertThat(pq.diffRevisions(List.of())).containsExactly("workspace");

      write("m.json", "{\"acc\": 0.75}");
      write("loss.csv", "epoch,loss\n1,0.8\n2,0.3\n");
      assertThat(q.metricsShow(List.of(), true, false, false)).containsOnlyKeys("workspace", "main,other");
      DiffResult d = q.metricsDiff("HEAD", "workspace", List.of(), false);
      assertThat(d.json(false)).isEqualTo("{\"m.json\": {\"acc\": {\"old\": 0.5, \"new\": 0.75, \"diff\": 0.25}}}\n");
      assertThat(pq.diffRevisions(List.of())).containsExactly("workspace", "HEAD");
      PlotsResult pr = pq.diff(List.of(), List.of());
      assertThat(pr.plots().get(0).series()).extracting(Series::name).containsExactly("workspace", "HEAD");
      assertThat(pq.show(List.of()).plots().get(0).series()).hasSize(1);
      assertThatThrownBy(() -> q.paramsDiff("v9", "workspace", List.of(), false))
          .isInstanceOf(UnknownRevisionException.class).hasMessageContaining("'v9'");
      assertThatThrownBy(() -> pq.diff(List.of("main", "nope"), List.of()))
          .isInstanceOf(UnknownRevisionException.class).hasMessageContaining("'nope'");
    }
  }

  @Test
  void templatedForeachAndVarsAreResolvedFromTheRevisionItself() throws Exception {
    // metrics, params and plots named through vars and ${} templates, and a foreach stage: each
    // revision resolves them from its own params.yaml and vars file
    write("params.yaml", "eval_dir: eval\nmodels: [a, b]\n");
    write("conf/vars.yaml", "plot_file: loss.csv\n");
    write("dvc.yaml", "vars:\n- conf/vars.yaml\nstages:\n"
        + "  train:\n    foreach: ${models}\n    do:\n      cmd: echo ${item}\n"
        + "      params:\n      - lr_${item}\n      metrics:\n      - ${eval_dir}/${item}.json:\n          cache: false\n"
        + "  report:\n    cmd: echo\n    plots:\n    - ${eval_dir}/${plot_file}:\n        x: epoch\n");
    write("eval/a.json", "{\"acc\": 0.5}");
    write("eval/b.json", "{\"acc\": 0.6}");
    write("eval/loss.csv", "epoch,loss\n1,0.9\n");
    Files.writeString(dir.resolve("params.yaml"), "eval_dir: eval\nmodels: [a, b]\nlr_a: 0.1\nlr_b: 0.2\n");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      commit(git);
    }
    Files.delete(dir.resolve("conf/vars.yaml")); // HEAD must read its own copy, not the workspace's
    try (Revisions revs = Revisions.open(dir, CachedOutputs.NONE)) {
      MetricsQueries q = new MetricsQueries(revs, new DvcYamlScan());
      Map<String, RevisionResult> shown = q.metricsShow(List.of(), true, false, false);
      assertThat(shown.get("main").files()).containsOnlyKeys("eval/a.json", "eval/b.json");
      assertThat(q.paramsShow(List.of(), true, false, false).get("main").files().get("params.yaml").data())
          .isEqualTo(Map.of("eval_dir", "eval", "models", List.of("a", "b"), "lr_a", 0.1, "lr_b", 0.2));
      PlotsQueries pq = new PlotsQueries(revs, PlotDefinitions::fromDvcYaml);
      assertThat(pq.diff(List.of("main"), List.of()).plots()).hasSize(1);
    }
  }

  @Test
  void noCommitsGivesAnEmptyDiff() throws Exception {
    Git.init().setDirectory(dir.toFile()).call().close();
    write("m.json", "{\"acc\": 1}");
    try (Revisions revs = Revisions.open(dir, CachedOutputs.NONE)) {
      assertThat(new MetricsQueries(revs, new DvcYamlScan()).metricsDiff("HEAD", "workspace", List.of("m.json"), false)
          .diff()).isEmpty();
    }
  }
}
