package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the integration tests share: the built archives (from failsafe's system properties), a
 * clean environment whose home and caches are temp directories, and running programs as a user
 * would, outside the source tree.
 */
final class Dist {
  static final String VERSION = System.getProperty("cairn.version");
  static final String NAME = System.getProperty("cairn.dist.name");
  static final Path TARGET = Path.of(System.getProperty("cairn.dist.dir"));
  static final Path TAR_GZ = TARGET.resolve(NAME + ".tar.gz");
  static final Path ZIP = TARGET.resolve(NAME + ".zip");
  static final String MAVEN_REPO = System.getProperty("maven.repo.local");
  /** The JDK running the tests: a Java 17 or newer with a {@code release} file. */
  static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  private Dist() {}

  /** A process's outcome. */
  record Result(int code, String out, String err) {
    Result ok() {
      assertThat(code).as("exit code; stderr:\n" + err + "\nstdout:\n" + out).isZero();
      return this;
    }
  }

  /**
   * An environment with nothing of the caller's but {@code PATH}: {@code HOME} and {@code
   * XDG_CACHE_HOME} under {@code tmp}, the tests' JDK as {@code JAVA_HOME}, Maven on this build's
   * repository, a Git identity.
   */
  static Map<String, String> env(Path tmp) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    env.put("XDG_CACHE_HOME", Files.createDirectories(tmp.resolve("xdg-cache")).toString());
    env.put("JAVA_HOME", JAVA_HOME.toString());
    env.put("MAVEN_OPTS", "-Dmaven.repo.local=" + MAVEN_REPO);
    env.put("LANG", "C.UTF-8");
    env.put("GIT_AUTHOR_NAME", "Cairn test");
    env.put("GIT_AUTHOR_EMAIL", "test@cairn.invalid");
    env.put("GIT_COMMITTER_NAME", "Cairn test");
    env.put("GIT_COMMITTER_EMAIL", "test@cairn.invalid");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    return env;
  }

  /** Unpacks the release archive into {@code dir} with tar, as a user would; returns {@code dir/cairn-<v>}. */
  static Path unpack(Path dir, Map<String, String> env) throws Exception {
    Files.createDirectories(dir);
    run(dir, env, "tar", "xzf", TAR_GZ.toString()).ok();
    Path home = dir.resolve(NAME);
    assertThat(home.resolve("bin/cairn")).isExecutable();
    return home;
  }

  static Result run(Path dir, Map<String, String> env, String... cmd) throws Exception {
    return run(dir, env, List.of(cmd));
  }

  /** Runs a program in {@code dir} with exactly {@code env}; fails the test after five minutes. */
  static Result run(Path dir, Map<String, String> env, List<String> cmd) throws Exception {
    Process p = start(dir, env, cmd);
    return finish(p, cmd);
  }

  static Process start(Path dir, Map<String, String> env, List<String> cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  static Result finish(Process p, List<String> cmd) throws Exception {
    p.getOutputStream().close();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(p.exitValue(), out.get(), err.get());
  }

  private static String read(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<" + e + ">";
    }
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static String sha256(Path file) throws Exception {
    return sha256(Files.readAllBytes(file));
  }

  /** Every regular file under {@code dir}, relative, sorted. */
  static List<String> files(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (var s = Files.walk(dir)) {
        s.filter(Files::isRegularFile).forEach(f -> out.add(dir.relativize(f).toString()));
      }
    }
    out.sort(null);
    return out;
  }
}
