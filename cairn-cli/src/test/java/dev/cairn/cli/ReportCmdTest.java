package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn report}: Markdown on stdout or in a file, JSON, exit 1 on a failed gate, bad cairn.yaml. */
class ReportCmdTest {
  @TempDir
  Path tmp;

  PrRepo repo;

  @BeforeEach
  void repo() throws Exception {
    repo = new PrRepo(tmp.resolve("repo"));
    repo.write("dvclive/metrics.json", "{\"accuracy\": 0.52}");
  }

  @Test
  void markdownOnStdoutAndExitOneOnFailedGate() {
    PrRepo.Result r = repo.run("report", "--base", "main");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("1 of 1 gates failed.\n");
    assertThat(r.out()).startsWith("# Cairn report: workspace vs main\n\n❌ **1 of 1 gates failed**")
        .contains("| ❌ | accuracy | max_drop 0.05 | 0.52 | 0.6 | accuracy dropped 0.08 (0.6 -> 0.52) > max_drop 0.05 |")
        .contains("| dvclive/metrics.json | accuracy | 0.6    | 0.52        | -0.08    |")
        .contains("| params.yaml | train.C | 1      | 10          |");
  }

  @Test
  void passingGateExitsZeroAndDefaultBaseIsMain() throws Exception {
    repo.write("cairn.yaml", "gates:\n  accuracy: {max_drop: 15%, min: 0.5}\n");
    PrRepo.Result r = repo.run("report");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("✅ **All 2 gates passed** · compared with `main`");
  }

  @Test
  void mdOutAndJson() throws Exception {
    PrRepo.Result r = repo.run("report", "--md-out", "out/report.md", "--json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("{\"title\": \"Cairn report: workspace vs main\", \"base\": \"main\", "
        + "\"head\": \"workspace\", \"passed\": false, \"gates\": [{\"metric\": \"accuracy\"");
    assertThat(Files.readString(repo.root.resolve("out/report.md"))).startsWith("# Cairn report: workspace vs main");
  }

  @Test
  void badCairnYamlIsOneLineExitTwo() throws Exception {
    repo.write("cairn.yaml", "gates:\n  accuracy: {min: lots}\n");
    PrRepo.Result r = repo.run("report");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("ERROR: cairn.yaml: gates.accuracy.min: expected a number, found 'lots'\n");
  }

  @Test
  void unknownBaseIsExplained() {
    PrRepo.Result r = repo.run("report", "--base", "nope");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("ERROR: Unknown base revision 'nope': fetch it first");
  }

  @Test
  void remoteTrackingBaseIsUsedWhenTheBranchIsNotLocal() throws Exception {
    try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(repo.root.toFile())) {
      var main = git.getRepository().resolve("main");
      var u = git.getRepository().updateRef("refs/remotes/origin/main");
      u.setNewObjectId(main);
      u.forceUpdate();
      git.branchDelete().setBranchNames("main").setForce(true).call();
    }
    PrRepo.Result r = repo.run("report");
    assertThat(r.out()).contains("compared with `origin/main`").contains("| origin/main |");
  }
}
