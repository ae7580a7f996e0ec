package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exp run --dry}, {@code --allow-missing}, and queued and failed experiments in {@code exp show}'s State column. */
class ExpRunMoreCmdTest {
  @TempDir
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      assertThat(CliRun.in(dir, "init").code()).isZero();
      CliRun.write(dir, "params.yaml", "C: 1\n");
      CliRun.write(dir, "dvc.yaml", ExpRunCmdTest.PIPELINE);
      CliRun.write(dir, "train.sh", "C=$(awk '/^C:/{print $2}' params.yaml)\ntest \"$C\" != fail || exit 1\n"
          + "echo \"{\\\"acc\\\": $C}\" > metrics.json\n");
      assertThat(CliRun.in(dir, "repro").code()).isZero();
      git.add().addFilepattern(".").call();
      git.commit().setMessage("pipeline").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
    }
  }

  private long expRefs() throws Exception {
    try (Git git = Git.open(dir.toFile())) {
      return git.getRepository().getRefDatabase().getRefsByPrefix("refs/exps/").stream()
          .filter(r -> r.getName().split("/").length == 5).count();
    }
  }

  @Test
  void dryPrintsWhatWouldRunAndChangesNothing() throws Exception {
    CliRun r = CliRun.in(dir, "exp", "run", "--dry", "-S", "C=9");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Running stage 'train':").contains("> sh train.sh").doesNotContain("Ran experiment");
    assertThat(CliRun.read(dir, "params.yaml")).isEqualTo("C: 1\n");
    assertThat(CliRun.read(dir, "metrics.json")).isEqualTo("{\"acc\": 1}\n");
    assertThat(expRefs()).isZero();
    assertThat(Files.exists(dir.resolve(".dvc/tmp/exps")) ? Files.list(dir.resolve(".dvc/tmp/exps")).count() : 0)
        .isZero();
    CliRun bad = CliRun.in(dir, "exp", "run", "--dry", "--queue");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.errLines()).containsExactly("ERROR: --dry cannot be combined with --queue or --run-all");
  }

  @Test
  void allowMissingSkipsAStageWhoseOnlyChangeIsMissingData() throws Exception {
    Files.delete(dir.resolve("metrics.json"));
    CliRun r = CliRun.in(dir, "exp", "run", "--allow-missing", "-n", "same");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Stage 'train' didn't change, skipping").contains("Ran experiment(s): same");
    assertThat(dir.resolve("metrics.json")).doesNotExist();
  }

  @Test
  void pullBringsTheDataFromTheRemoteFirst(@TempDir Path store) throws Exception {
    CliRun.write(dir, "data.txt", "hello\n");
    assertThat(CliRun.in(dir, "add", "data.txt").code()).isZero();
    assertThat(CliRun.in(dir, "remote", "add", "-d", "store", store.toString()).code()).isZero();
    assertThat(CliRun.in(dir, "push").code()).isZero();
    try (Git git = Git.open(dir.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("data").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
    }
    try (var walk = Files.walk(dir.resolve(".dvc/cache"))) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir.resolve("data.txt"));
    CliRun r = CliRun.in(dir, "exp", "run", "--pull", "-n", "pulled");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Ran experiment(s): pulled");
    assertThat(CliRun.read(dir, "data.txt")).isEqualTo("hello\n");
  }

  @Test
  void queuedAndFailedExperimentsShowTheirState() throws Exception {
    assertThat(CliRun.in(dir, "exp", "run", "--queue", "-S", "C=fail", "-n", "bad").code()).isZero();
    assertThat(CliRun.in(dir, "exp", "run", "--run-all").code()).isEqualTo(1);
    assertThat(CliRun.in(dir, "exp", "run", "--queue", "-S", "C=3", "-n", "q3").code()).isZero();
    CliRun show = CliRun.in(dir, "exp", "show");
    assertThat(show.code()).as(show.err()).isZero();
    String[] lines = show.out().split("\n");
    assertThat(lines[1].strip()).startsWith("Experiment").containsPattern("Created +State +acc +C").doesNotContain("Executor");
    assertThat(show.out()).containsPattern("├── [0-9a-f]{7} \\[q3\\] +\\S.* +Queued +- +3\n")
        .containsPattern("└── [0-9a-f]{7} \\[bad\\] +\\S.* +Failed +- +fail\n");
    assertThat(CliRun.in(dir, "exp", "show", "--hide-queued", "--hide-failed").out()).doesNotContain("State");
    assertThat(CliRun.in(dir, "exp", "show", "--json").out()).contains("\"executor\": {\"state\": \"queued\", \"name\":"
        + " null, \"local\": null}, \"name\": \"q3\"");
  }
}
