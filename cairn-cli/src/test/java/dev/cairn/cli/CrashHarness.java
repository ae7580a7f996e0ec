package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.hash.Hashing;
import dev.cairn.odb.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs the packaged CLI as a real process, kills it with SIGKILL at seeded random points and checks
 * what a crash may leave behind.
 *
 * <p>A <em>case</em> directory holds {@code repo/} (the workspace), {@code remote/} (a local DVC
 * remote), {@code home/} (the process's {@code HOME}, a sentinel that must stay untouched) and
 * {@code jvmtmp/} (the JVM's {@code java.io.tmpdir}, where native libraries are unpacked). The
 * process runs in a session of its own ({@code setsid}) so that a kill also reaches the commands a
 * pipeline stage started.
 */
final class CrashHarness {
  static final Pattern OBJECT = Pattern.compile("[0-9a-f]{32}(\\.dir)?");
  static final Pattern TEMP = Pattern.compile("\\..*\\.tmp");
  static final Path SETSID = Path.of("/usr/bin/setsid");

  private CrashHarness() {}

  // ---------------------------------------------------------------- processes

  static List<String> command(Path caseDir, String... args) {
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      cmd.add(SETSID.toString());
    }
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + caseDir.resolve("jvmtmp"), "-jar", CrashIT.jar().toString(),
        "-C", caseDir.resolve("repo").toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Process start(Path caseDir, Path log, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(caseDir, args)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().remove("CAIRN_FSYNC"); // crash safety is tested with the syncs on
    pb.environment().put("HOME", caseDir.resolve("home").toString());
    pb.environment().remove("XDG_CONFIG_HOME");
    pb.environment().remove("DVC_GLOBAL_CONFIG_DIR");
    pb.environment().remove("DVC_SYSTEM_CONFIG_DIR");
    pb.directory(caseDir.resolve("repo").toFile());
    return pb.start();
  }

  /** Runs to the end; returns the exit code. */
  static int run(Path caseDir, Path log, String... args) throws Exception {
    Process p = start(caseDir, log, args);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      killTree(p);
      throw new AssertionError("cairn " + String.join(" ", args) + " did not finish in 300 s");
    }
    return p.exitValue();
  }

  static void runOk(Path caseDir, Path log, String... args) throws Exception {
    int rc = run(caseDir, log, args);
    assertThat(rc).as("cairn %s (log %s):%n%s", String.join(" ", args), log, tail(log)).isZero();
  }

  static String tail(Path log) {
    try {
      String s = Files.readString(log);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * SIGKILL: first the CLI's JVM ({@code destroyForcibly} sends SIGKILL on Linux), then whatever is
   * left of its session (a stage's {@code sh} and its children), so nothing keeps writing after it.
   */
  static void killTree(Process p) throws Exception {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroyForcibly();
    if (Files.isExecutable(SETSID)) {
      new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
    }
    children.forEach(ProcessHandle::destroyForcibly);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("killed process exits").isTrue();
    for (ProcessHandle c : children) {
      c.onExit().get(30, TimeUnit.SECONDS);
    }
  }

  // ---------------------------------------------------------------- files

  static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
            LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          p.toFile().setWritable(true);
        }
        Files.delete(p);
      }
    }
  }

  static List<Path> files(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static String rel(Path root, Path p) {
    return root.relativize(p).toString();
  }

  /** Relative path → size, mtime and md5 of every file under root (a sentinel to compare later). */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    if (!Files.exists(root)) {
      return m;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted().toList()) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        m.put(rel(root, p), a.isRegularFile() ? a.size() + ":" + a.lastModifiedTime().toMillis() + ":" + Hashing.md5File(p)
            : a.isDirectory() ? "dir" : "other");
      }
    }
    return m;
  }

  /** Names in a directory (not recursive). */
  static Set<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  // ---------------------------------------------------------------- state

  /** What a command leaves: workspace bytes, cache and remote object sets. Temp files are counted apart. */
  record State(Map<String, String> workspace, Set<String> cache, Set<String> remote, int tempFiles,
      Map<String, List<String>> gitignores) {}

  static boolean isTemp(Path p) {
    return TEMP.matcher(p.getFileName().toString()).matches();
  }

  static State state(Path caseDir) throws IOException {
    Path repo = caseDir.resolve("repo");
    Map<String, String> ws = new TreeMap<>();
    Map<String, List<String>> gitignores = new TreeMap<>();
    int temps = 0;
    for (Path f : files(repo)) {
      String r = rel(repo, f);
      if (r.startsWith(".dvc/cache/") || r.startsWith(".dvc/tmp/")) {
        continue;
      }
      if (isTemp(f)) {
        temps++;
      }
      ws.put(r, Hashing.md5File(f));
      if (f.getFileName().toString().equals(".gitignore")) {
        gitignores.put(r, Files.readAllLines(f));
      }
    }
    Set<String> cache = new TreeSet<>();
    for (Path f : files(repo.resolve(".dvc/cache"))) {
      if (isTemp(f)) {
        temps++;
      } else {
        cache.add(rel(repo.resolve(".dvc/cache"), f));
      }
    }
    Set<String> remote = new TreeSet<>();
    for (Path f : files(caseDir.resolve("remote"))) {
      if (isTemp(f)) {
        temps++;
      } else {
        remote.add(rel(caseDir.resolve("remote"), f));
      }
    }
    return new State(ws, cache, remote, temps, gitignores);
  }

  // ---------------------------------------------------------------- invariants

  /**
   * Every file under an object root ({@code files/md5} of a cache or remote) is either a hidden
   * {@code .tmp} file or an object whose bytes hash to its name; {@code .dir} objects are manifests.
   * Returns the number of temp files seen.
   */
  static int assertObjectsIntact(Path odbRoot, String what) throws IOException {
    Path root = odbRoot.resolve("files/md5");
    int temps = 0;
    for (Path f : files(root)) {
      if (isTemp(f)) {
        temps++;
        continue;
      }
      String name = f.getParent().getFileName().toString() + f.getFileName();
      assertThat(rel(root, f)).as("%s: only objects and .tmp files under files/md5", what)
          .matches("[0-9a-f]{2}/[0-9a-f]{30}(\\.dir)?");
      assertThat(name).matches(OBJECT);
      assertThat(Hashing.md5File(f)).as("%s object %s has the bytes its name says", what, name)
          .isEqualTo(name.replace(".dir", ""));
      if (name.endsWith(".dir")) {
        Manifest.parse(Files.readAllBytes(f), name); // throws when not a manifest
      }
    }
    return temps;
  }

  static Path objectPath(Path odbRoot, String oid) {
    return odbRoot.resolve("files/md5").resolve(oid.substring(0, 2)).resolve(oid.substring(2));
  }

  /** The files of an object that are absent from an object root ({@code .dir}: manifest and entries). */
  static List<String> missing(Path odbRoot, String oid) throws IOException {
    List<String> out = new ArrayList<>();
    Path p = objectPath(odbRoot, oid);
    if (!Files.isRegularFile(p)) {
      out.add(oid);
      return out;
    }
    if (oid.endsWith(".dir")) {
      try {
        for (Manifest.Entry e : Manifest.parse(Files.readAllBytes(p), oid).entries()) {
          if (!Files.isRegularFile(objectPath(odbRoot, e.md5()))) {
            out.add(e.md5());
          }
        }
      } catch (dev.cairn.odb.CorruptObjectException e) {
        out.add(oid + " (corrupt)");
      }
    }
    return out;
  }

  /** A remote that has a {@code .dir} has every file it lists (the .dir-last upload order). */
  static void assertDirsComplete(Path odbRoot, String what) throws IOException {
    for (Path f : files(odbRoot.resolve("files/md5"))) {
      String name = f.getParent().getFileName().toString() + f.getFileName();
      if (!isTemp(f) && name.endsWith(".dir")) {
        assertThat(missing(odbRoot, name)).as("%s: files of %s", what, name).isEmpty();
      }
    }
  }

  /** Output path → hash recorded by every {@code .dvc} file and by the outs of {@code dvc.lock}. */
  @SuppressWarnings("unchecked")
  static Map<String, String> referencedOuts(Path repo) throws IOException {
    Map<String, String> refs = new TreeMap<>();
    Load load = new Load(LoadSettings.builder().build());
    for (Path f : files(repo)) {
      String r = rel(repo, f);
      if (r.startsWith(".dvc/")) {
        continue;
      }
      if (r.endsWith(".dvc")) {
        Map<String, Object> doc = (Map<String, Object>) load.loadFromString(Files.readString(f));
        for (Map<String, Object> o : (List<Map<String, Object>>) doc.getOrDefault("outs", List.of())) {
          if (o.get("md5") != null) {
            refs.put(o.get("path").toString(), o.get("md5").toString());
          }
        }
      } else if (r.equals("dvc.lock")) {
        Map<String, Object> doc = (Map<String, Object>) load.loadFromString(Files.readString(f));
        Map<String, Object> stages = (Map<String, Object>) doc.getOrDefault("stages", Map.of());
        for (Object st : stages.values()) {
          for (Map<String, Object> o : (List<Map<String, Object>>) ((Map<String, Object>) st).getOrDefault("outs", List.of())) {
            refs.put(o.get("path").toString(), o.get("md5").toString());
          }
        }
      }
    }
    return refs;
  }

  static long seed() {
    return Long.getLong("cairn.crash.seed", 20261128L);
  }

  static Random random(String command) {
    return new Random(seed() ^ command.hashCode());
  }
}
