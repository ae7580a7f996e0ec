package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repro --explain} and {@code status --explain}, text and JSON (issue 18, beyond DVC). */
class ExplainTest {
  @TempDir
  Path dir;

  private static String md5(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @BeforeEach
  void pipeline() throws Exception {
    assertThat(CliRun.in(dir, "init", "--no-scm").code()).isZero();
    CliRun.write(dir, "data.txt", "a\n");
    CliRun.write(dir, "params.yaml", "lr: 0.1\n");
    CliRun.write(dir, "dvc.yaml", """
        stages:
          prepare:
            cmd: cat data.txt > prep.txt
            deps:
            - data.txt
            outs:
            - prep.txt
          train:
            cmd: cat prep.txt params.yaml > model.txt
            deps:
            - prep.txt
            params:
            - lr
            outs:
            - model.txt
        """);
    CliRun r = CliRun.in(dir, "repro");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void upToDate() {
    CliRun r = CliRun.in(dir, "status", "--explain");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("""
        Stage 'prepare' didn't change, skipping
        Stage 'train' didn't change, skipping
        """);
  }

  @Test
  void aChangedDepRunsItsStageAndMayRunTheNext() throws Exception {
    CliRun.write(dir, "data.txt", "b\n");
    CliRun r = CliRun.in(dir, "repro", "--explain");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("Stage 'prepare' will run:\n\tdep data.txt: " + md5("a\n") + " -> " + md5("b\n")
        + "\nStage 'train' will run if running 'prepare' changes its deps\n");
    // nothing ran
    assertThat(CliRun.read(dir, "prep.txt")).isEqualTo("a\n");
    CliRun json = CliRun.in(dir, "repro", "--explain", "--json");
    assertThat(json.out()).isEqualTo("{\"prepare\": {\"verdict\": \"run\", \"reasons\": [{\"type\": \"dep\", \"path\": "
        + "\"data.txt\", \"old\": \"" + md5("a\n") + "\", \"new\": \"" + md5("b\n") + "\"}]}, \"train\": {\"verdict\": "
        + "\"after_upstream\", \"reasons\": [], \"upstream\": [\"prepare\"]}}\n");
  }

  @Test
  void aParamChangedBackIsRestoredFromTheRunCache() throws Exception {
    CliRun.write(dir, "params.yaml", "lr: 0.2\n");
    assertThat(CliRun.in(dir, "status", "--explain").out()).isEqualTo("""
        Stage 'prepare' didn't change, skipping
        Stage 'train' will run:
        \tparam params.yaml:lr: 0.1 -> 0.2
        """);
    assertThat(CliRun.in(dir, "repro").code()).isZero();
    CliRun.write(dir, "params.yaml", "lr: 0.1\n");
    assertThat(CliRun.in(dir, "repro", "--explain", "train").out()).isEqualTo("""
        Stage 'prepare' didn't change, skipping
        Stage 'train' will be restored from the run-cache:
        \tparam params.yaml:lr: 0.2 -> 0.1
        """);
    assertThat(CliRun.in(dir, "repro", "--explain", "--no-run-cache", "-s", "train").out()).isEqualTo("""
        Stage 'train' will run:
        \tparam params.yaml:lr: 0.2 -> 0.1
        """);
  }

  @Test
  void aChangedCommandADeletedOutputAndANewStage() throws Exception {
    CliRun.write(dir, "dvc.yaml", CliRun.read(dir, "dvc.yaml").replace("cat data.txt > prep.txt",
        "cat data.txt data.txt > prep.txt") + """
          report:
            cmd: cat model.txt > report.txt
            deps:
            - model.txt
            outs:
            - report.txt
        """);
    java.nio.file.Files.delete(dir.resolve("model.txt"));
    CliRun r = CliRun.in(dir, "status", "--explain");
    assertThat(r.out()).isEqualTo("Stage 'prepare' will run:\n\tcmd: cat data.txt > prep.txt -> cat data.txt data.txt > prep.txt\n"
        + "Stage 'train' will be restored from the run-cache:\n\tout model.txt: " + md5("a\nlr: 0.1\n") + " -> none (deleted)\n"
        + "Stage 'report' will run:\n\tno entry in dvc.lock: never ran\n");
  }

  @Test
  void jsonNeedsExplain() {
    CliRun r = CliRun.in(dir, "repro", "--json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("cairn: --json needs --explain\n");
  }
}
