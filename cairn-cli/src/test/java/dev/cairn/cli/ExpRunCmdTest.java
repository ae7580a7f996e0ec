package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn exp run} and {@code cairn exp save}: output, exit codes, one-line errors. */
class ExpRunCmdTest {
  static final String PIPELINE = """
      stages:
        train:
          cmd: sh train.sh
          params:
          - C
          metrics:
          - metrics.json:
              cache: false
      """;

  @TempDir
  Path dir;
  String head;

  @BeforeEach
  void setUp() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      assertThat(CliRun.in(dir, "init").code()).isZero();
      CliRun.write(dir, "params.yaml", "C: 1\n");
      CliRun.write(dir, "dvc.yaml", PIPELINE);
      CliRun.write(dir, "train.sh", "C=$(awk '/^C:/{print $2}' params.yaml)\ntest \"$C\" != fail || exit 1\n"
          + "echo \"{\\\"acc\\\": $C}\" > metrics.json\n");
      git.add().addFilepattern(".").call();
      head = git.commit().setMessage("pipeline").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
          .call().getName();
    }
  }

  @Test
  void runPrintsLikeDvcAndRefusesAUsedName() throws Exception {
    CliRun r = CliRun.in(dir, "exp", "run", "-S", "C=5", "-n", "c5");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Running stage 'train':")
        .endsWith("\nRan experiment(s): c5\nExperiment results have been applied to your workspace.\n");
    assertThat(CliRun.read(dir, "metrics.json")).isEqualTo("{\"acc\": 5}\n");
    try (Git git = Git.open(dir.toFile())) {
      Repository repo = git.getRepository();
      assertThat(repo.exactRef("refs/exps/" + head.substring(0, 2) + "/" + head.substring(2) + "/c5")).isNotNull();
      assertThat(repo.resolve("HEAD")).isEqualTo(ObjectId.fromString(head));
    }
    CliRun again = CliRun.in(dir, "exp", "run", "-S", "C=6", "-n", "c5");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.errLines()).containsExactly("ERROR: experiment 'c5' already exists for baseline "
        + head.substring(0, 7) + "; choose another name with -n, or use -f to replace it");
    CliRun unknown = CliRun.in(dir, "exp", "run", "-S", "gamma=1");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.errLines()).containsExactly(
        "ERROR: unknown param key 'gamma' in params.yaml; use +gamma=<value> to add it");
    CliRun json = CliRun.in(dir, "exp", "run", "-S", "C=7", "-n", "c7", "--json");
    assertThat(json.code()).isZero();
    assertThat(json.out()).startsWith("{\"experiments\": [{\"name\": \"c7\", \"ref\": \"refs/exps/")
        .endsWith("\"queued\": [], \"failed\": [], \"workspace\": true}\n");
  }

  @Test
  void queueAndRunAllReportFailuresWithExitCode1() throws Exception {
    assertThat(CliRun.in(dir, "exp", "run", "--queue", "-S", "C=2", "-n", "two").out())
        .isEqualTo("Queued experiment 'two' for future execution.\n");
    assertThat(CliRun.in(dir, "exp", "run", "--queue", "-S", "C=fail", "-n", "bad").code()).isZero();
    CliRun r = CliRun.in(dir, "exp", "run", "--run-all", "-j", "2");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Ran experiment(s): two\n").doesNotContain("applied to your workspace");
    assertThat(r.err()).contains("ERROR: experiment 'bad' failed (exit code 1): failed to reproduce 'train'")
        .contains("ERROR: 1 of 2 queued experiments failed; first: 'bad'");
    assertThat(CliRun.in(dir, "exp", "run", "--run-all").out()).isEqualTo("No queued experiments to run.\n");
  }

  @Test
  void saveAndNoGit(@TempDir Path plain) throws Exception {
    assertThat(CliRun.in(dir, "exp", "save").code()).isEqualTo(3);
    assertThat(CliRun.in(dir, "repro").code()).isZero();
    CliRun s = CliRun.in(dir, "exp", "save", "-n", "kept");
    assertThat(s.code()).as(s.err()).isZero();
    assertThat(s.out()).isEqualTo("Experiment has been saved as: kept\n");
    assertThat(CliRun.in(plain, "init", "--no-scm").code()).isZero();
    CliRun noGit = CliRun.in(plain, "exp", "run");
    assertThat(noGit.code()).isEqualTo(3);
    assertThat(noGit.errLines()).hasSize(1);
  }
}
