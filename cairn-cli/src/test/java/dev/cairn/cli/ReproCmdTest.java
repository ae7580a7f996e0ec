package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn repro}: exit codes, one-line errors, flags and output. */
class ReproCmdTest {
  static final String PIPELINE = """
      stages:
        prepare:
          cmd: cp in.txt prepared.txt
          deps:
          - in.txt
          outs:
          - prepared.txt
        train:
          cmd: cp prepared.txt model.txt && echo lr=${train.lr}
          deps:
          - prepared.txt
          params:
          - train.lr
          outs:
          - model.txt
        side:
          cmd: cp other.txt side.txt
          deps:
          - other.txt
          outs:
          - side.txt
      """;

  @TempDir
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    assertThat(CliRun.in(dir, "init", "--no-scm").code()).isZero();
    CliRun.write(dir, "in.txt", "data\n");
    CliRun.write(dir, "other.txt", "other\n");
    CliRun.write(dir, "params.yaml", "train:\n  lr: 0.01\n");
    CliRun.write(dir, "dvc.yaml", PIPELINE);
  }

  @Test
  void runsAndReportsAsDvc() throws Exception {
    CliRun r = CliRun.in(dir, "repro");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Running stage 'prepare':\n> cp in.txt prepared.txt\n",
        "Running stage 'train':\n> cp prepared.txt model.txt && echo lr=0.01\nlr=0.01\n",
        "Generating lock file 'dvc.lock'\n", "Updating lock file 'dvc.lock'\n",
        "Use `cairn push` to send your updates to remote storage.\n");
    CliRun again = CliRun.in(dir, "repro");
    assertThat(again.out()).isEqualTo("Stage 'prepare' didn't change, skipping\nStage 'train' didn't change, skipping\n"
        + "Stage 'side' didn't change, skipping\nData and pipelines are up to date.\n");
  }

  @Test
  void failingStageExitsOneWithOneLine() throws Exception {
    CliRun.write(dir, "dvc.yaml", PIPELINE.replace("cp prepared.txt model.txt && echo", "exit 2 && echo"));
    CliRun r = CliRun.in(dir, "repro");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("ERROR: failed to reproduce 'train': command exited with code 2");
    assertThat(r.out()).contains("Summary: ran 1 (prepare); failed 1 (train (exit code 2)); skipped 1 (side)");
    assertThat(CliRun.read(dir, "dvc.lock")).contains("  prepare:").doesNotContain("  train:");
  }

  @Test
  void keepGoingRunsTheOtherBranch() throws Exception {
    CliRun.write(dir, "dvc.yaml", PIPELINE.replace("cp prepared.txt model.txt && echo", "exit 2 && echo"));
    CliRun r = CliRun.in(dir, "repro", "-k");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Running stage 'side':");
    assertThat(CliRun.read(dir, "dvc.lock")).contains("  side:");
  }

  @Test
  void parallelOutputIsLabelled() {
    CliRun r = CliRun.in(dir, "repro", "-j", "2");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("[train] lr=0.01\n", "[prepare] Running stage 'prepare':\n",
        "[side] > cp other.txt side.txt\n", "Summary: ran 3 (prepare, train, side)\n");
  }

  @Test
  void singleItemAndDownstreamAndStageAddresses() {
    assertThat(CliRun.in(dir, "repro", "-s", "dvc.yaml:side").out()).contains("Running stage 'side':")
        .doesNotContain("'prepare'");
    CliRun r = CliRun.in(dir, "repro", "--downstream", "prepare");
    assertThat(r.out()).contains("Running stage 'prepare':", "Running stage 'train':").doesNotContain("'side'");
    CliRun forced = CliRun.in(dir, "repro", "-f", "train");
    assertThat(forced.out()).contains("Running stage 'prepare':", "Running stage 'train':");
  }

  @Test
  void dryPrintsCommandsOnly() throws Exception {
    CliRun r = CliRun.in(dir, "repro", "--dry");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Running stage 'prepare':\n> cp in.txt prepared.txt\n");
    assertThat(dir.resolve("prepared.txt")).doesNotExist();
    assertThat(dir.resolve("dvc.lock")).doesNotExist();
  }

  @Test
  void unknownTargetExitsTwo() {
    CliRun r = CliRun.in(dir, "repro", "nope");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().startsWith("ERROR: 'nope' does not exist");
  }

  @Test
  void cycleExitsTwoWithOneLine() throws Exception {
    CliRun.write(dir, "dvc.yaml", """
        stages:
          a:
            cmd: cp b.txt a.txt
            deps:
            - b.txt
            outs:
            - a.txt
          b:
            cmd: cp a.txt b.txt
            deps:
            - a.txt
            outs:
            - b.txt
        """);
    CliRun r = CliRun.in(dir, "repro");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().startsWith("ERROR: ").contains("cycle");
  }

  @Test
  void missingDependencyExitsTwoWithOneLine() throws Exception {
    CliRun.write(dir, "dvc.yaml", PIPELINE.replace("- other.txt", "- missing.txt"));
    CliRun r = CliRun.in(dir, "repro");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "ERROR: dvc.yaml: stage 'side': deps: 'missing.txt' does not exist and no stage produces it");
    assertThat(dir.resolve("prepared.txt")).doesNotExist();
  }

  @Test
  void unknownParamKeyExitsTwoWithOneLine() throws Exception {
    CliRun.write(dir, "dvc.yaml", PIPELINE.replace("- train.lr\n", "- train.lrr\n"));
    CliRun r = CliRun.in(dir, "repro");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "ERROR: dvc.yaml: stage 'train': params: 'train.lrr' not found in 'params.yaml'");
  }

  @Test
  void badTemplateReferenceExitsTwoWithOneLine() throws Exception {
    CliRun.write(dir, "dvc.yaml", PIPELINE.replace("${train.lr}", "${train.rate}"));
    CliRun r = CliRun.in(dir, "repro");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().startsWith("ERROR: dvc.yaml:").contains("train")
        .contains("train.rate");
  }

  @Test
  void statusReportsStagesInDvcsShape() throws Exception {
    assertThat(CliRun.in(dir, "repro").code()).isZero();
    CliRun.write(dir, "params.yaml", "train:\n  lr: 0.02\n");
    CliRun.write(dir, "other.txt", "changed\n");
    CliRun json = CliRun.in(dir, "status", "--json");
    assertThat(json.out()).isEqualTo("{\"train\": [{\"changed deps\": {\"params.yaml\": {\"train.lr\": \"modified\"}}},"
        + " \"changed command\"], \"side\": [{\"changed deps\": {\"other.txt\": \"modified\"}}]}\n");
    CliRun text = CliRun.in(dir, "status", "side");
    assertThat(text.out()).isEqualTo("side:\n\tchanged deps:\n\t\tmodified:           other.txt\n");
  }
}
