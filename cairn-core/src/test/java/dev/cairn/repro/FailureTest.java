package dev.cairn.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.repro.StageOutcome.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing command: exit code reported, its lock entry untouched, dependents skipped, {@code -k}. */
class FailureTest {
  static final String PIPELINE = """
      stages:
        bad:
          cmd: cp a.txt bad.out && grep -q good a.txt || exit 3
          deps:
          - a.txt
          outs:
          - bad.out
        after:
          cmd: cp bad.out after.out
          deps:
          - bad.out
          outs:
          - after.out
        other:
          cmd: cp b.txt other.out
          deps:
          - b.txt
          outs:
          - other.out
      """;

  @TempDir
  Path dir;
  TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = new TestRepo(dir);
    repo.write("a.txt", "bad\n");
    repo.write("b.txt", "b\n");
    repo.write("dvc.yaml", PIPELINE);
  }

  @Test
  void failureStopsTheRunAndReportsTheExitCode() throws Exception {
    TestRepo.Run r = repo.repro();
    assertThat(r.error()).isInstanceOf(StageFailedException.class)
        .hasMessage("failed to reproduce 'bad': command exited with code 3");
    assertThat(r.result().failures()).singleElement()
        .satisfies(f -> assertThat(f.exitCode()).isEqualTo(3));
    assertThat(r.result().stages(Kind.SKIPPED)).containsExactly("after");
    assertThat(r.result().stages(Kind.NOT_STARTED)).containsExactly("other");
    assertThat(r.messages()).anyMatch(m -> m.startsWith("Summary:") && m.contains("failed 1 (bad (exit code 3))")
        && m.contains("skipped 2 (after, other)"));
    assertThat(repo.exists("dvc.lock")).isFalse();
    assertThat(repo.exists("after.out")).isFalse();
  }

  @Test
  void keepGoingRunsIndependentBranches() throws Exception {
    TestRepo.Run r = repo.repro(c -> c.setKeepGoing(true));
    assertThat(r.error()).hasMessage("failed to reproduce 'bad': command exited with code 3");
    assertThat(r.result().stages(Kind.RAN)).containsExactly("other");
    assertThat(r.result().stages(Kind.SKIPPED)).containsExactly("after");
    String lock = repo.read("dvc.lock");
    assertThat(lock).contains("  other:").doesNotContain("  bad:").doesNotContain("  after:");
  }

  @Test
  void failedRunLeavesThePreviousEntry() throws Exception {
    repo.write("a.txt", "good\n");
    assertThat(repo.repro().error()).isNull();
    String before = repo.read("dvc.lock");
    repo.write("a.txt", "bad again\n");
    TestRepo.Run r = repo.repro(c -> c.setKeepGoing(true));
    assertThat(r.error()).hasMessageContaining("command exited with code 3");
    assertThat(repo.read("dvc.lock")).isEqualTo(before);
  }

  @Test
  void parallelFailureLetsRunningStagesFinish() throws Exception {
    repo.write("dvc.yaml", PIPELINE.replace("cp b.txt other.out", "sleep 0.5 && cp b.txt other.out"));
    TestRepo.Run r = repo.repro(c -> c.setJobs(2));
    assertThat(r.result().failures()).extracting(StageOutcome::stage).containsExactly("bad");
    assertThat(r.result().stages(Kind.RAN)).containsExactly("other");
    assertThat(r.result().stages(Kind.SKIPPED)).containsExactly("after");
    assertThat(repo.read("dvc.lock")).contains("  other:").doesNotContain("  bad:");
  }
}
