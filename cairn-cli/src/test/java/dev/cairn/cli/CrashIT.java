package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.hash.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the packaged CLI (SIGKILL) in the middle of {@code cairn add} of a large directory, then
 * checks that the cache holds no partial or corrupt object and that a rerun completes.
 */
class CrashIT {
  @TempDir
  Path tmp;

  static Path jar() {
    Path p = Path.of("target", "cairn.jar").toAbsolutePath();
    assertThat(p).as("packaged CLI (run through 'mvn verify')").exists();
    return p;
  }

  Process start(Path repo, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar().toString(), "-C", repo.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile()).start();
  }

  int run(Path repo, String... args) throws Exception {
    Process p = start(repo, args);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  static long countObjects(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(cache)) {
      return s.filter(Files::isRegularFile).count();
    } catch (java.io.UncheckedIOException | IOException e) {
      return 0; // the running process renamed a file while we listed; look again
    }
  }

  /** Every file named like an object has exactly the bytes its name says. */
  static void assertCacheConsistent(Path cache) throws IOException {
    Path root = cache.resolve("files/md5");
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String name = f.getParent().getFileName().toString() + f.getFileName();
        if (!name.matches("[0-9a-f]{32}(\\.dir)?")) {
          assertThat(f.getFileName().toString()).as("only temp files may be stray").matches("\\..*\\.tmp");
          continue;
        }
        assertThat(Hashing.md5File(f)).as("object " + name).isEqualTo(name.replace(".dir", ""));
      }
    }
  }

  @Test
  void killedAddLeavesNoCorruptObjectAndRerunCompletes() throws Exception {
    Path repo = tmp.resolve("repo");
    Path data = repo.resolve("data");
    Files.createDirectories(data);
    Random rnd = new Random(42);
    byte[] buf = new byte[48 * 1024];
    for (int i = 0; i < 1500; i++) {
      rnd.nextBytes(buf);
      Files.write(data.resolve(String.format("part-%05d.bin", i)), buf);
    }
    assertThat(run(repo, "init", "--no-scm")).isZero();
    Path cache = repo.resolve(".dvc/cache");
    int kills = 0;
    for (int round = 0; round < 3; round++) {
      Process p = start(repo, "add", "data");
      long target = 50L + round * 200L;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (p.isAlive() && countObjects(cache) < target && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      if (p.isAlive()) {
        p.destroyForcibly(); // SIGKILL
        p.waitFor(30, TimeUnit.SECONDS);
        kills++;
      }
      assertCacheConsistent(cache);
      Path dvc = repo.resolve("data.dvc");
      if (Files.exists(dvc)) {
        assertThat(Files.readString(dvc)).contains("nfiles: 1500");
      }
    }
    assertThat(kills).as("the add was interrupted at least once").isPositive();
    assertThat(run(repo, "add", "data")).isZero();
    assertCacheConsistent(cache);
    assertThat(Files.readString(repo.resolve("data.dvc"))).contains("nfiles: 1500");
    assertThat(run(repo, "status")).isZero();
    assertThat(Files.readString(tmp.resolve("out.log"))).contains("up to date");
    // the cache is complete: a fresh checkout restores every byte
    Path copy = repo.resolve("data/part-00007.bin");
    byte[] before = Files.readAllBytes(copy);
    try (Stream<Path> s = Files.walk(data)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
    assertThat(run(repo, "checkout")).isZero();
    assertThat(Files.readAllBytes(copy)).isEqualTo(before);
  }
}
