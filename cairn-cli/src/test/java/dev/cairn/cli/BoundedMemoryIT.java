package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory that does not hold the tree: every command of the data path runs, as a user runs it (the
 * runnable jar in a child JVM), on a directory of 100,000 small files with a 64 MB heap. Walks,
 * manifests and the state's index are streamed; transfers and gc keep sets of the objects they
 * plan, find and copy at about 32 bytes an object (for a million files, some 32 MB a set). A 32 MB
 * heap, tried first at this size, ran out in {@code pull}. Before the state's binary index and the
 * streamed manifests, {@code add} held every file's path, attributes, manifest entry and state row
 * at once (617 MiB peak RSS for 100,000 files, issue 19).
 */
class BoundedMemoryIT {
  static final int DIRS = 100;
  static final int FILES_PER_DIR = 1000;
  static final String HEAP = "-Xmx64m";

  @TempDir
  Path tmp;

  @Test
  void everyDataCommandCompletesOnAHundredThousandFilesInA64MbHeap() throws Exception {
    Path repo = tmp.resolve("repo");
    Path data = repo.resolve("data");
    for (int d = 0; d < DIRS; d++) {
      Path dir = data.resolve(String.format("shard-%03d", d));
      Files.createDirectories(dir);
      for (int f = 0; f < FILES_PER_DIR; f++) {
        Files.writeString(dir.resolve("f" + f + ".txt"), d + "/" + f + "\n");
      }
    }
    Path remote = tmp.resolve("remote");
    run(repo, "init", "--no-scm");
    run(repo, "add", "data");
    assertThat(run(repo, "status")).contains("up to date");
    Files.writeString(data.resolve("shard-007/f7.txt"), "changed\n");
    run(repo, "commit", "data.dvc");
    run(repo, "remote", "add", "-d", "store", remote.toString());
    run(repo, "push");
    // a fresh cache and workspace: fetch, then checkout, then pull into a deleted tree
    deleteTree(repo.resolve(".dvc/cache"));
    run(repo, "fetch");
    deleteTree(data);
    run(repo, "checkout");
    assertThat(Files.readString(data.resolve("shard-007/f7.txt"))).isEqualTo("changed\n");
    assertThat(Files.readString(data.resolve("shard-099/f999.txt"))).isEqualTo("99/999\n");
    deleteTree(data);
    deleteTree(repo.resolve(".dvc/cache"));
    run(repo, "pull");
    assertThat(run(repo, "status")).contains("up to date");
    run(repo, "gc", "-w");
    CrashIT.assertCacheConsistent(repo.resolve(".dvc/cache"));
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  /** Runs the CLI in a child JVM with the small heap; asserts exit 0 and returns its output. */
  private String run(Path repo, String... args) throws IOException, InterruptedException {
    Files.createDirectories(repo);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        HEAP, "-XX:+ExitOnOutOfMemoryError", "-jar", CrashIT.jar().toString(), "-C", repo.toString()));
    cmd.addAll(List.of(args));
    Path log = tmp.resolve("out.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("cairn %s finished", String.join(" ", args)).isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as("cairn %s under %s: %s", String.join(" ", args), HEAP, out).isZero();
    return out;
  }
}
