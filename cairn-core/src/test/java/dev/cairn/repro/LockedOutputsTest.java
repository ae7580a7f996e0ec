package dev.cairn.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.api.Cairn;
import dev.cairn.api.StatusCommand;
import dev.cairn.errors.CairnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status}, {@code checkout} and {@code commit} over outputs recorded in {@code dvc.lock}. */
class LockedOutputsTest {
  @TempDir
  Path dir;
  TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = new TestRepo(dir);
    repo.write("in.txt", "a\n");
    repo.write("raw/data.txt", "raw\n");
    repo.write("dvc.yaml", """
        stages:
          copy:
            cmd: cp in.txt out.txt && echo 1 > m.json
            deps:
            - in.txt
            outs:
            - out.txt
            metrics:
            - m.json:
                cache: false
        """);
    assertThat(repo.repro().error()).isNull();
    try (Cairn c = Cairn.open(dir, repo.env)) {
      c.add().addPath(dir.resolve("raw")).call();
    }
  }

  private StatusResult status(Path... targets) throws CairnException {
    try (Cairn c = Cairn.open(dir, repo.env)) {
      StatusCommand s = c.status();
      for (Path t : targets) {
        s.addTarget(t);
      }
      return s.call();
    }
  }

  @Test
  void statusReportsStagesThenDvcFiles() throws Exception {
    assertThat(status().isClean()).isTrue();
    repo.write("raw/data.txt", "changed\n");
    repo.write("in.txt", "b\n");
    Files.delete(dir.resolve("out.txt"));
    Map<String, List<Object>> changes = status().changes();
    // DVC's order (issue 18): the dvc.yaml stages, then the .dvc files
    assertThat(changes.keySet()).containsExactly("copy", "raw.dvc");
    assertThat(changes.get("raw.dvc")).containsExactly(Map.of("changed outs", Map.of("raw", "modified")));
    assertThat(changes.get("copy")).containsExactly(Map.of("changed deps", Map.of("in.txt", "modified")),
        Map.of("changed outs", Map.of("out.txt", "deleted")));
    assertThat(status(Path.of("copy")).changes().keySet()).containsExactly("copy");
    assertThat(status(Path.of("raw.dvc")).changes().keySet()).containsExactly("raw.dvc");
  }

  @Test
  void checkoutRestoresLockOutputs() throws Exception {
    Files.delete(dir.resolve("out.txt"));
    try (Cairn c = Cairn.open(dir, repo.env)) {
      assertThat(c.checkout().call().added()).containsExactly("out.txt");
    }
    assertThat(repo.read("out.txt")).isEqualTo("a\n");
    Files.delete(dir.resolve("out.txt"));
    try (Cairn c = Cairn.open(dir, repo.env)) {
      c.checkout().addTarget(Path.of("copy")).call();
    }
    assertThat(repo.read("out.txt")).isEqualTo("a\n");
  }

  @Test
  void commitRecordsTheWorkspaceWithoutRunning() throws Exception {
    repo.write("in.txt", "b\n");
    repo.write("out.txt", "by hand\n");
    try (Cairn c = Cairn.open(dir, repo.env)) {
      assertThat(c.commit().addTarget(Path.of("copy")).call().updated()).containsExactly("dvc.lock");
    }
    assertThat(status().isClean()).isTrue();
    assertThat(repo.read("dvc.lock")).contains("md5: " + dev.cairn.hash.Hashing.md5Hex("by hand\n".getBytes()));
    Files.delete(dir.resolve("out.txt"));
    try (Cairn c = Cairn.open(dir, repo.env)) {
      c.checkout().call();
    }
    assertThat(repo.read("out.txt")).isEqualTo("by hand\n");
  }

  @Test
  void commitOfAStageWithAMissingOutputFails() throws Exception {
    Files.delete(dir.resolve("out.txt"));
    try (Cairn c = Cairn.open(dir, repo.env)) {
      assertThatThrownBy(() -> c.commit().addTarget(Path.of("copy")).call()).isInstanceOf(CairnException.class)
          .hasMessageContaining("out.txt");
    }
  }
}
