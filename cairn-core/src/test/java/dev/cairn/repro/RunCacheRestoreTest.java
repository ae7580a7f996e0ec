package dev.cairn.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.RunCache;
import dev.cairn.repro.StageOutcome.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run-cache (reference §6.4): entries saved after runs, outputs restored instead of running. */
class RunCacheRestoreTest {
  @TempDir
  Path dir;
  TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = new TestRepo(dir);
    repo.write("in.txt", "first\n");
    repo.write("dvc.yaml", """
        stages:
          upper:
            cmd: echo run >> upper.count && tr a-z A-Z < in.txt > out.txt
            deps:
            - in.txt
            outs:
            - out.txt
        """);
    repo.repro();
    assertThat(repo.count("upper.count")).isEqualTo(1);
  }

  @Test
  void entryIsSavedUnderKeyAndValue() throws Exception {
    LockEntry entry = LockFile.read(dir.resolve("dvc.lock")).entry("upper").orElseThrow();
    Path file = dir.resolve(".dvc/cache").resolve(RunCache.relativePath(RunCache.key(entry), RunCache.value(entry)));
    assertThat(file).exists();
    assertThat(Files.readString(file)).isEqualTo(RunCache.entryText(entry));
    try (var s = Files.list(file.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly(RunCache.value(entry));
    }
  }

  @Test
  void depChangedBackRestoresOutputsWithoutRunning() throws Exception {
    String firstLock = repo.read("dvc.lock");
    repo.write("in.txt", "second\n");
    assertThat(repo.repro().result().stages(Kind.RAN)).containsExactly("upper");
    assertThat(repo.read("out.txt")).isEqualTo("SECOND\n");
    assertThat(repo.count("upper.count")).isEqualTo(2);

    repo.write("in.txt", "first\n");
    TestRepo.Run r = repo.repro();
    assertThat(r.result().stages(Kind.CACHED)).containsExactly("upper");
    assertThat(r.messages()).contains("Stage 'upper' is cached - skipping run, checking out outputs");
    assertThat(repo.read("out.txt")).isEqualTo("FIRST\n");
    assertThat(repo.count("upper.count")).isEqualTo(2);
    assertThat(repo.read("dvc.lock")).isEqualTo(firstLock);
  }

  @Test
  void noRunCacheRunsInstead() throws Exception {
    repo.write("in.txt", "second\n");
    repo.repro();
    repo.write("in.txt", "first\n");
    TestRepo.Run r = repo.repro(c -> c.setNoRunCache(true));
    assertThat(r.result().stages(Kind.RAN)).containsExactly("upper");
    assertThat(repo.count("upper.count")).isEqualTo(3);
  }

  @Test
  void forceRunsInstead() throws Exception {
    repo.write("in.txt", "second\n");
    repo.repro();
    repo.write("in.txt", "first\n");
    assertThat(repo.repro(c -> c.setForce(true)).result().stages(Kind.RAN)).containsExactly("upper");
    assertThat(repo.count("upper.count")).isEqualTo(3);
  }

  @Test
  void missingCacheObjectMeansRunning() throws Exception {
    repo.write("in.txt", "second\n");
    repo.repro();
    Path obj = dir.resolve(".dvc/cache/files/md5")
        .resolve(dev.cairn.hash.Hashing.md5Hex("FIRST\n".getBytes()).substring(0, 2))
        .resolve(dev.cairn.hash.Hashing.md5Hex("FIRST\n".getBytes()).substring(2));
    Files.delete(obj);
    repo.write("in.txt", "first\n");
    assertThat(repo.repro().result().stages(Kind.RAN)).containsExactly("upper");
    assertThat(repo.count("upper.count")).isEqualTo(3);
  }

  @Test
  void alwaysChangedStagesAreNotRunCached() throws Exception {
    repo.write("dvc.yaml", """
        stages:
          upper:
            cmd: echo run >> upper.count && tr a-z A-Z < in.txt > out.txt
            deps:
            - in.txt
            outs:
            - out.txt
            always_changed: true
        """);
    repo.write("in.txt", "second\n");
    repo.repro();
    repo.write("in.txt", "first\n");
    assertThat(repo.repro().result().stages(Kind.RAN)).containsExactly("upper");
  }
}
