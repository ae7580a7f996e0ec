package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One backend, end to end through the CLI in-process: init, add, remote add/modify, status -c, push,
 * wipe, pull; and bad input (wrong credentials, missing bucket, unreachable host) giving one line on
 * stderr, exit code 1, and never the planted secret.
 */
abstract class RemoteE2E {
  @TempDir
  Path tmp;
  Path repo;

  /** The remote URL of a server that is up, with credentials set by {@link #goodConfig()}. */
  abstract String url() throws Exception;

  /** {@code remote modify --local} keys for the working server. */
  abstract Map<String, String> goodConfig() throws Exception;

  /** The same, with the secret replaced by {@link #plantedSecret()}. */
  abstract Map<String, String> wrongCredentials() throws Exception;

  /** A URL naming a bucket/container/root that does not exist on the server. */
  abstract String missingBucketUrl() throws Exception;

  /** URL and keys that point at a closed loopback port. */
  abstract String unreachableUrl(int closedPort) throws Exception;

  abstract Map<String, String> unreachableConfig(int closedPort) throws Exception;

  /** A secret planted in the wrong-credentials config that must never be printed. */
  abstract String plantedSecret();

  /** Files in the tracked directory. */
  int fileCount() {
    return 1000;
  }

  CliRun cairn(String... args) {
    return CliRun.in(repo, args);
  }

  @BeforeEach
  void initRepo() throws Exception {
    repo = Files.createDirectories(tmp.resolve("repo"));
    assertThat(cairn("init", "--no-scm").code()).isZero();
  }

  void configure(String url, Map<String, String> keys) {
    CliRun add = cairn("remote", "add", "-d", "r", url);
    assertThat(add.code()).as(add.err()).isZero();
    for (Map.Entry<String, String> e : keys.entrySet()) {
      CliRun m = cairn("remote", "modify", "--local", "r", e.getKey(), e.getValue());
      assertThat(m.code()).as(m.err()).isZero();
    }
  }

  void addData() throws IOException {
    byte[] big = new byte[256 * 1024 + 17];
    new Random(7).nextBytes(big);
    Files.write(repo.resolve("big.bin"), big);
    Path data = Files.createDirectories(repo.resolve("data"));
    for (int i = 0; i < fileCount(); i++) {
      Path sub = Files.createDirectories(data.resolve("d" + (i % 10)));
      Files.writeString(sub.resolve("f" + i + ".txt"), "file " + i + "\n");
    }
    CliRun add = cairn("add", "big.bin", "data");
    assertThat(add.code()).as(add.err()).isZero();
  }

  static Map<String, byte[]> snapshot(Path root, List<String> rels) throws IOException {
    Map<String, byte[]> m = new java.util.TreeMap<>();
    for (String rel : rels) {
      Path p = root.resolve(rel);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          for (Path f : s.filter(Files::isRegularFile).toList()) {
            m.put(root.relativize(f).toString(), Files.readAllBytes(f));
          }
        }
      } else {
        m.put(rel, Files.readAllBytes(p));
      }
    }
    return m;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        q.toFile().setWritable(true);
        Files.delete(q);
      }
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void pushWipePullRestoresEveryByte() throws Exception {
    addData();
    configure(url(), goodConfig());
    int objects = fileCount() + 2; // big.bin, the .dir, and each file of data

    CliRun st = cairn("status", "-c");
    assertThat(st.code()).as(st.err()).isZero();
    List<String> lines = st.out().lines().toList();
    assertThat(lines).hasSize(objects).allMatch(l -> l.startsWith("\tnew:"));

    CliRun push = cairn("push");
    assertThat(push.code()).as(push.err()).isZero();
    assertThat(push.out()).isEqualTo(objects + " files pushed\n");

    Map<String, byte[]> before = snapshot(repo, List.of("big.bin", "data"));
    deleteTree(repo.resolve(".dvc/cache"));
    deleteTree(repo.resolve("data"));
    Files.delete(repo.resolve("big.bin"));

    CliRun st2 = cairn("status", "-c");
    assertThat(st2.code()).as(st2.err()).isZero();
    // as in DVC, objects on the remote but not in the cache are "deleted"
    assertThat(st2.out().lines().toList()).hasSize(objects).allMatch(l -> l.startsWith("\tdeleted:"));

    CliRun pull = cairn("pull");
    assertThat(pull.code()).as(pull.err()).isZero();
    Map<String, byte[]> after = snapshot(repo, List.of("big.bin", "data"));
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (String k : before.keySet()) {
      assertThat(after.get(k)).as(k).isEqualTo(before.get(k));
    }
    CliRun clean = cairn("status");
    assertThat(clean.code()).isZero();
    assertThat(clean.out()).contains("up to date");
    assertThat(cairn("status", "-c").out()).isEqualTo("Cache and remote 'r' are in sync.\n");
  }

  void assertOneCleanError(CliRun r, String secret) {
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.errLines()).as(r.err()).hasSize(1);
    assertThat(r.err()).isNotBlank();
    if (secret != null) {
      assertThat(r.out()).doesNotContain(secret);
      assertThat(r.err()).doesNotContain(secret);
    }
  }

  @Test
  void wrongCredentialsFailInOneLineWithoutTheSecret() throws Exception {
    Files.writeString(repo.resolve("a.txt"), "alpha");
    assertThat(cairn("add", "a.txt").code()).isZero();
    configure(url(), wrongCredentials());
    assertOneCleanError(cairn("push"), plantedSecret());
  }

  @Test
  void missingBucketFailsInOneLine() throws Exception {
    Files.writeString(repo.resolve("a.txt"), "alpha");
    assertThat(cairn("add", "a.txt").code()).isZero();
    configure(missingBucketUrl(), goodConfig());
    assertOneCleanError(cairn("push"), plantedSecret());
  }

  @Test
  void unreachableHostFailsInOneLine() throws Exception {
    Files.writeString(repo.resolve("a.txt"), "alpha");
    assertThat(cairn("add", "a.txt").code()).isZero();
    int port = closedPort();
    configure(unreachableUrl(port), unreachableConfig(port));
    long t0 = System.nanoTime();
    assertOneCleanError(cairn("push"), plantedSecret());
    assertThat((System.nanoTime() - t0) / 1_000_000_000L).isLessThan(60);
  }
}
