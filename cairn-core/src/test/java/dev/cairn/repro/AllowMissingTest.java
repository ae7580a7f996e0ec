package dev.cairn.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.repro.StageOutcome.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repro --allow-missing}: missing data alone does not make a stage run. */
class AllowMissingTest {
  static final String PIPELINE = """
      stages:
        first:
          cmd: echo run >> first.count && cp in.txt mid.txt
          deps:
          - in.txt
          params:
          - lr
          outs:
          - mid.txt
        second:
          cmd: echo run >> second.count && cat mid.txt mid.txt > out.txt
          deps:
          - mid.txt
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
    repo.write("params.yaml", "lr: 0.1\n");
    repo.write("dvc.yaml", PIPELINE);
    assertThat(repo.repro().result().stages(Kind.RAN)).containsExactly("first", "second");
  }

  /** As on a CI runner: the outputs and the cache are gone, dvc.lock and the inputs are there. */
  private void dropData() throws Exception {
    Files.delete(repo.root.resolve("mid.txt"));
    Files.delete(repo.root.resolve("out.txt"));
    Path cache = repo.root.resolve(".dvc/cache");
    try (Stream<Path> all = Files.walk(cache)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }

  @Test
  void missingOutputsAndDepsDoNotRun() throws Exception {
    dropData();
    String lock = repo.read("dvc.lock");
    TestRepo.Run r = repo.repro(c -> c.setAllowMissing(true));
    assertThat(r.result().stages(Kind.UNCHANGED)).containsExactly("first", "second");
    assertThat(r.messages()).contains("Data and pipelines are up to date.");
    assertThat(repo.count("first.count")).isEqualTo(1);
    assertThat(repo.count("second.count")).isEqualTo(1);
    assertThat(repo.read("dvc.lock")).isEqualTo(lock);
    assertThat(repo.exists("out.txt")).isFalse();
  }

  @Test
  void withoutTheFlagMissingOutputsRun() throws Exception {
    dropData();
    TestRepo.Run r = repo.repro();
    assertThat(r.result().stages(Kind.RAN)).containsExactly("first", "second");
  }

  @Test
  void realChangesStillRun() throws Exception {
    dropData();
    repo.write("in.txt", "two\n");
    TestRepo.Run r = repo.repro(c -> c.setAllowMissing(true));
    assertThat(r.result().stages(Kind.RAN)).containsExactly("first", "second");
    assertThat(repo.read("out.txt")).isEqualTo("two\ntwo\n");
  }

  @Test
  void aChangedParamRunsItsStageOnly() throws Exception {
    dropData();
    repo.write("params.yaml", "lr: 0.2\n");
    TestRepo.Run r = repo.repro(c -> c.setAllowMissing(true));
    // first runs and makes the same mid.txt: second's only change is its missing output
    assertThat(r.result().stages(Kind.RAN)).containsExactly("first");
    assertThat(r.result().stages(Kind.UNCHANGED)).containsExactly("second");
  }

  @Test
  void aDeletedDepWhoseProducerRecordsAnotherHashRuns() throws Exception {
    // the producer's lock entry moved on (as after a repro elsewhere), the consumer's did not
    String lock = repo.read("dvc.lock");
    int mid = lock.indexOf("outs:\n    - path: mid.txt\n      hash: md5\n      md5: ");
    assertThat(mid).isPositive();
    int at = lock.indexOf("md5: ", mid) + 5;
    String changed = lock.substring(0, at) + "0123456789abcdef0123456789abcdef" + lock.substring(at + 32);
    dropData();
    repo.write("dvc.lock", changed);
    TestRepo.Run r = repo.repro(c -> c.setAllowMissing(true).setDry(true));
    assertThat(r.result().stages(Kind.DRY)).contains("second");
  }
}
