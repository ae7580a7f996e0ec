package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's defects found on real DVC repositories, each as DVC shows it: one regression test per
 * defect, run in-process as a user would.
 */
class DvcParityTest {
  @TempDir
  Path dir;

  @BeforeEach
  void setUp() {
    assertThat(CliRun.in(dir, "init", "--no-scm").code()).isZero();
  }

  /** {@code data/x.dvc} tracks {@code data/x}; stage {@code train} depends on it and writes {@code model}. */
  private void trackedDataAndStage() throws Exception {
    CliRun.write(dir, "data/x", "1\n");
    assertThat(CliRun.in(dir, "add", "data/x").code()).isZero();
    CliRun.write(dir, "dvc.yaml", """
        stages:
          train:
            cmd: cat data/x > model
            deps:
            - data/x
            outs:
            - model
        """);
    assertThat(CliRun.in(dir, "repro").code()).isZero();
  }

  @Test
  void statusNamesDvcOutputsByTheirPathAndListsThemAfterTheStages() throws Exception {
    trackedDataAndStage();
    CliRun.write(dir, "data/x", "2\n");
    CliRun st = CliRun.in(dir, "status");
    assertThat(st.code()).isZero();
    assertThat(st.out()).isEqualTo("""
        train:
        \tchanged deps:
        \t\tmodified:           data/x
        data/x.dvc:
        \tchanged outs:
        \t\tmodified:           data/x
        """);
    assertThat(CliRun.in(dir, "status", "--json").out().strip()).isEqualTo(
        "{\"train\": [{\"changed deps\": {\"data/x\": \"modified\"}}],"
            + " \"data/x.dvc\": [{\"changed outs\": {\"data/x\": \"modified\"}}]}");
    // from a subdirectory, as DVC: every address and path relative to the working directory
    assertThat(CliRun.in(dir.resolve("data"), "status").out()).isEqualTo("""
        ../dvc.yaml:train:
        \tchanged deps:
        \t\tmodified:           x
        x.dvc:
        \tchanged outs:
        \t\tmodified:           x
        """);
  }
}
