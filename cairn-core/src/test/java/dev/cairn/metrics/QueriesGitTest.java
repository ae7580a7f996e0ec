package dev.cairn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plots.PlotDefinitions;
import dev.cairn.plots.PlotsQueries;
import dev.cairn.plots.PlotsResult;
import dev.cairn.plots.Series;
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
  void noCommitsGivesAnEmptyDiff() throws Exception {
    Git.init().setDirectory(dir.toFile()).call().close();
    write("m.json", "{\"acc\": 1}");
    try (Revisions revs = Revisions.open(dir, CachedOutputs.NONE)) {
      assertThat(new MetricsQueries(revs, new DvcYamlScan()).metricsDiff("HEAD", "workspace", List.of("m.json"), false)
          .diff()).isEmpty();
    }
  }
}
