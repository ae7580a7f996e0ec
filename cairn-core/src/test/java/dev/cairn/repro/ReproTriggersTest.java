package dev.cairn.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.repro.StageOutcome.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One behaviour test per trigger of reference §6.2 "Deciding whether a stage runs". */
class ReproTriggersTest {
  static final String PIPELINE = """
      stages:
        copy:
          cmd: echo run >> copy.count && cp in.txt out.txt
          deps:
          - in.txt
          params:
          - lr
          outs:
          - out.txt
      """;

  @TempDir
  Path dir;
  TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = new TestRepo(dir);
    repo.write("in.txt", "one\n");
    repo.write("params.yaml", "lr: 0.1\nunused: 1\n");
    repo.write("dvc.yaml", PIPELINE);
    TestRepo.Run first = repo.repro();
    assertThat(first.result().stages(Kind.RAN)).containsExactly("copy");
    assertThat(repo.count("copy.count")).isEqualTo(1);
  }

  @Test
  void unchangedStageIsSkipped() throws Exception {
    String lock = repo.read("dvc.lock");
    TestRepo.Run r = repo.repro();
    assertThat(r.result().stages(Kind.UNCHANGED)).containsExactly("copy");
    assertThat(r.messages()).contains("Stage 'copy' didn't change, skipping", "Data and pipelines are up to date.");
    assertThat(repo.count("copy.count")).isEqualTo(1);
    assertThat(repo.read("dvc.lock")).isEqualTo(lock);
  }

  @Test
  void changedCommandRuns() throws Exception {
    repo.write("dvc.yaml", PIPELINE.replace("cp in.txt out.txt", "cat in.txt > out.txt"));
    TestRepo.Run r = repo.repro();
    assertThat(r.result().stages(Kind.RAN)).containsExactly("copy");
    assertThat(repo.count("copy.count")).isEqualTo(2);
    assertThat(repo.read("dvc.lock")).contains("cmd: echo run >> copy.count && cat in.txt > out.txt");
  }

  @Test
  void modifiedDepRuns() throws Exception {
    repo.write("in.txt", "two\n");
    TestRepo.Run r = repo.repro();
    assertThat(r.result().stages(Kind.RAN)).containsExactly("copy");
    assertThat(repo.read("out.txt")).isEqualTo("two\n");
    assertThat(repo.count("copy.count")).isEqualTo(2);
  }

  @Test
  void changedTrackedParamRuns() throws Exception {
    repo.write("params.yaml", "lr: 0.2\nunused: 1\n");
    TestRepo.Run r = repo.repro();
    assertThat(r.result().stages(Kind.RAN)).containsExactly("copy");
    assertThat(repo.read("dvc.lock")).contains("lr: 0.2");
  }

  @Test
  void changedUnusedParamDoesNotRun() throws Exception {
    repo.write("params.yaml", "lr: 0.1\nunused: 2\n");
    TestRepo.Run r = repo.repro();
    assertThat(r.result().stages(Kind.UNCHANGED)).containsExactly("copy");
    assertThat(repo.count("copy.count")).isEqualTo(1);
  }

  @Test
  void reformattedEqualParamDoesNotRun() throws Exception {
    repo.write("params.yaml", "lr: 0.10\nunused: 1\n");
    assertThat(repo.repro().result().stages(Kind.UNCHANGED)).containsExactly("copy");
  }

  @Test
  void deletedOutIsRestoredFromCacheWithoutRunning() throws Exception {
    Files.delete(dir.resolve("out.txt"));
    TestRepo.Run r = repo.repro();
    assertThat(r.result().stages(Kind.CACHED)).containsExactly("copy");
    assertThat(r.messages()).contains("Stage 'copy' is cached - skipping run, checking out outputs");
    assertThat(repo.read("out.txt")).isEqualTo("one\n");
    assertThat(repo.count("copy.count")).isEqualTo(1);
  }

  @Test
  void modifiedOutIsReproduced() throws Exception {
    repo.write("out.txt", "tampered\n");
    TestRepo.Run r = repo.repro();
    assertThat(r.result().anyReproduced()).isTrue();
    assertThat(repo.read("out.txt")).isEqualTo("one\n");
    assertThat(repo.count("copy.count")).isEqualTo(1);
  }

  @Test
  void modifiedOutRunsWhenForced() throws Exception {
    repo.write("out.txt", "tampered\n");
    TestRepo.Run r = repo.repro(c -> c.setForce(true));
    assertThat(r.result().stages(Kind.RAN)).containsExactly("copy");
    assertThat(repo.count("copy.count")).isEqualTo(2);
  }

  @Test
  void forceRunsUnchangedStages() throws Exception {
    TestRepo.Run r = repo.repro(c -> c.setForce(true));
    assertThat(r.result().stages(Kind.RAN)).containsExactly("copy");
    assertThat(repo.count("copy.count")).isEqualTo(2);
  }

  @Test
  void forceDownstreamRunsDependentsOfAStageThatRan() throws Exception {
    repo.write("dvc.yaml", PIPELINE + """
          after:
            cmd: echo run >> after.count && cp out.txt after.txt
            deps:
            - out.txt
            outs:
            - after.txt
        """);
    repo.repro();
    assertThat(repo.count("after.count")).isEqualTo(1);
    repo.write("dvc.yaml", PIPELINE.replace("cp in.txt out.txt", "cat in.txt > out.txt") + """
          after:
            cmd: echo run >> after.count && cp out.txt after.txt
            deps:
            - out.txt
            outs:
            - after.txt
        """);
    assertThat(repo.repro().result().stages(Kind.UNCHANGED)).containsExactly("after");
    repo.write("dvc.yaml", PIPELINE + """
          after:
            cmd: echo run >> after.count && cp out.txt after.txt
            deps:
            - out.txt
            outs:
            - after.txt
        """);
    TestRepo.Run r = repo.repro(c -> c.setForceDownstream(true));
    assertThat(r.result().stages(Kind.CACHED)).containsExactly("copy");
    assertThat(r.result().stages(Kind.RAN)).containsExactly("after");
    assertThat(repo.count("after.count")).isEqualTo(2);
  }

  @Test
  void addedOutRuns() throws Exception {
    repo.write("dvc.yaml", PIPELINE.replace("cp in.txt out.txt", "cp in.txt out.txt && cp in.txt out2.txt")
        .replace("    - out.txt\n", "    - out.txt\n    - out2.txt\n"));
    assertThat(repo.repro().result().stages(Kind.RAN)).containsExactly("copy");
    assertThat(repo.read("dvc.lock")).contains("path: out2.txt");
  }

  @Test
  void descriptionChangeDoesNotRun() throws Exception {
    repo.write("dvc.yaml", PIPELINE.replace("    cmd:", "    desc: copies\n    cmd:"));
    assertThat(repo.repro().result().stages(Kind.UNCHANGED)).containsExactly("copy");
  }

  @Test
  void frozenStageDoesNotRunOnDepChange() throws Exception {
    repo.write("dvc.yaml", PIPELINE + "    frozen: true\n");
    repo.write("in.txt", "two\n");
    TestRepo.Run r = repo.repro();
    assertThat(r.result().stages(Kind.UNCHANGED)).containsExactly("copy");
    assertThat(repo.count("copy.count")).isEqualTo(1);
    TestRepo.Run forced = repo.repro(c -> c.setForce(true));
    assertThat(forced.result().stages(Kind.VERIFIED)).containsExactly("copy");
    assertThat(forced.messages()).contains("Verifying outputs in frozen stage: 'copy'");
    assertThat(repo.count("copy.count")).isEqualTo(1);
    assertThat(repo.read("out.txt")).isEqualTo("one\n");
  }

  @Test
  void alwaysChangedStageAlwaysRuns() throws Exception {
    repo.write("dvc.yaml", PIPELINE + "    always_changed: true\n");
    assertThat(repo.repro().result().stages(Kind.RAN)).containsExactly("copy");
    assertThat(repo.repro().result().stages(Kind.RAN)).containsExactly("copy");
    assertThat(repo.count("copy.count")).isEqualTo(3);
  }

  @Test
  void callbackStageAlwaysRuns() throws Exception {
    repo.write("dvc.yaml", """
        stages:
          ping:
            cmd: echo ping >> ping.count
        """);
    assertThat(repo.repro().result().stages(Kind.RAN)).containsExactly("ping");
    assertThat(repo.repro().result().stages(Kind.RAN)).containsExactly("ping");
    assertThat(repo.count("ping.count")).isEqualTo(2);
    assertThat(repo.read("dvc.lock")).endsWith("\n  ping:\n    cmd: echo ping >> ping.count\n");
  }

  @Test
  void outputsAreRemovedBeforeRunning() throws Exception {
    repo.write("dvc.yaml", PIPELINE.replace("echo run >> copy.count && cp",
        "if [ -e out.txt ]; then echo present >> seen.log; fi; echo run >> copy.count && cp"));
    repo.repro();
    assertThat(repo.count("copy.count")).isEqualTo(2);
    assertThat(repo.exists("seen.log")).isFalse();
  }

  @Test
  void persistOutputsAreKept() throws Exception {
    repo.write("dvc.yaml", """
        stages:
          grow:
            cmd: cat in.txt >> log.txt
            deps:
            - in.txt
            outs:
            - log.txt:
                persist: true
        """);
    repo.repro();
    assertThat(repo.read("log.txt")).isEqualTo("one\n");
    repo.write("in.txt", "two\n");
    repo.repro();
    assertThat(repo.read("log.txt")).isEqualTo("one\ntwo\n");
  }

  @Test
  void dryRunPrintsCommandsAndChangesNothing() throws Exception {
    repo.write("in.txt", "two\n");
    String lock = repo.read("dvc.lock");
    TestRepo.Run r = repo.repro(c -> c.setDry(true));
    assertThat(r.result().stages(Kind.DRY)).containsExactly("copy");
    assertThat(r.messages()).containsSequence("Running stage 'copy':", "> echo run >> copy.count && cp in.txt out.txt");
    assertThat(repo.count("copy.count")).isEqualTo(1);
    assertThat(repo.read("out.txt")).isEqualTo("one\n");
    assertThat(repo.read("dvc.lock")).isEqualTo(lock);
  }

  @Test
  void noCommitLeavesCacheAndRunCacheAlone() throws Exception {
    repo.write("in.txt", "fresh\n");
    repo.repro(c -> c.setNoCommit(true));
    assertThat(repo.read("dvc.lock")).contains("path: out.txt");
    try (var s = Files.walk(dir.resolve(".dvc/cache/files"))) {
      assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.equals(dev.cairn.hash.Hashing.md5Hex("fresh\n".getBytes()).substring(2)));
    }
  }
}
