package dev.cairn.cli;

import static dev.cairn.cli.CrashHarness.assertDirsComplete;
import static dev.cairn.cli.CrashHarness.assertObjectsIntact;
import static dev.cairn.cli.CrashHarness.copyTree;
import static dev.cairn.cli.CrashHarness.deleteTree;
import static dev.cairn.cli.CrashHarness.listing;
import static dev.cairn.cli.CrashHarness.missing;
import static dev.cairn.cli.CrashHarness.runOk;
import static dev.cairn.cli.CrashHarness.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.CrashHarness.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The crash suite (issue 9): for each of {@code add, checkout, commit, push, pull, repro, gc}, runs
 * the packaged CLI on a copy of a fixture and kills it (SIGKILL) at seeded random points spread over
 * the measured length of an uninterrupted run, once or twice per round. After every kill the
 * invariants hold (see {@link #checkAfterKill}); then an uninterrupted rerun must leave exactly the
 * state the uninterrupted reference run left: workspace bytes (with {@code .dvc}, {@code dvc.lock},
 * {@code .gitignore}), cache object set, remote object set.
 *
 * <p>Bounds (system properties): {@code cairn.crash.rounds} (at most this many rounds per command,
 * default 4), {@code cairn.crash.seconds} (default 120: the time the rounds of all commands may
 * take; each command gets an equal share of what is left, and its first round always runs),
 * {@code cairn.crash.seed}. The figures go to {@code target/crash-report.txt}.
 */
class CrashSuiteIT {
  static final int FILES = 300;
  static final int FILE_SIZE = 8 * 1024;
  static final int BIG = 9_000_000; // above the 8 MiB pipelined-copy threshold

  @TempDir
  static Path tmp;

  static Path base0; // init + remote + data, nothing tracked
  static Path base1; // base0 + add data big.bin (and 1,001 unreferenced objects in the cache)
  static final Map<String, Path> REFERENCES = new LinkedHashMap<>(); // end states of earlier commands
  static final Map<String, Stats> REPORT = new LinkedHashMap<>();
  static long suiteStart;
  static int commandsLeft = 7;
  static long roundsSpent;

  /** Directories (relative to the case) whose file count shows a command's progress. */
  static final Map<String, List<String>> WATCH = Map.of("add", List.of("repo/.dvc/cache"),
      "checkout", List.of("repo/data"), "commit", List.of("repo/.dvc/cache"), "push", List.of("remote"),
      "pull", List.of("repo/.dvc/cache", "repo/data"), "repro", List.of("repo/.dvc/cache", "repo/parts"),
      "gc", List.of("repo/.dvc/cache"));

  /** Files under a directory (temp files included), or -1 when it changed under the walk. */
  static long count(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  static int rounds() {
    return Integer.getInteger("cairn.crash.rounds", 4);
  }

  static long budgetSeconds() {
    return Long.getLong("cairn.crash.seconds", 120);
  }

  static final class Stats {
    long referenceMillis;
    int rounds;
    int kills;
    int byProgress;
    int early;
    int mid;
    int late;
    int finishedBeforeKill;
    int statusReports;
    int tempFilesAfterKill;
    int tempFilesAfterRerun;
    Set<String> jvmTmp = new TreeSet<>();
    long millis;
  }

  @BeforeAll
  static void bases() throws Exception {
    suiteStart = System.nanoTime();
    Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(tmp.resolve("outside/sentinel.txt"), "must stay untouched\n");
    base0 = newCase("base0");
    Path log = tmp.resolve("base.log");
    runOk(base0, log, "init", "--no-scm");
    runOk(base0, log, "remote", "add", "-d", "store", "../remote");
    Random rnd = new Random(CrashHarness.seed());
    Path data = base0.resolve("repo/data");
    Files.createDirectories(data);
    byte[] buf = new byte[FILE_SIZE];
    for (int i = 0; i < FILES; i++) {
      rnd.nextBytes(buf);
      Files.write(data.resolve(String.format("f%04d.bin", i)), buf);
    }
    byte[] big = new byte[BIG];
    rnd.nextBytes(big);
    Files.write(base0.resolve("repo/big.bin"), big);
    base1 = tmp.resolve("base1");
    copyTree(base0, base1);
    Path scratch = base1.resolve("repo/scratch");
    Files.createDirectories(scratch);
    for (int i = 0; i < 1000; i++) {
      Files.writeString(scratch.resolve("s" + i), "scratch " + i + "\n");
    }
    runOk(base1, log, "add", "data", "big.bin", "scratch");
    // 1,001 objects no output uses any more: what gc deletes
    runOk(base1, log, "remove", "scratch.dvc", "--outs");
  }

  static Path newCase(String name) throws IOException {
    Path c = tmp.resolve(name);
    Files.createDirectories(c.resolve("repo"));
    Files.createDirectories(c.resolve("remote"));
    Files.createDirectories(c.resolve("jvmtmp"));
    Files.createDirectories(c.resolve("home/.config"));
    Files.writeString(c.resolve("home/.profile"), "# sentinel: the process's HOME, must stay untouched\n");
    return c;
  }

  /** Modifies tracked data: every third file rewritten, 20 deleted, 50 new, big.bin rewritten. */
  static void modify(Path repo, long seed) throws IOException {
    Random rnd = new Random(seed);
    byte[] buf = new byte[FILE_SIZE];
    for (int i = 0; i < FILES; i += 3) {
      rnd.nextBytes(buf);
      Files.write(repo.resolve(String.format("data/f%04d.bin", i)), buf);
    }
    for (int i = 1; i < 60; i += 3) {
      Files.delete(repo.resolve(String.format("data/f%04d.bin", i)));
    }
    for (int i = 0; i < 50; i++) {
      rnd.nextBytes(buf);
      Files.write(repo.resolve(String.format("data/new%03d.bin", i)), buf);
    }
    byte[] big = new byte[BIG];
    rnd.nextBytes(big);
    Files.write(repo.resolve("big.bin"), big);
  }

  static final String DVC_YAML = """
      stages:
        cut:
          cmd: head -c 3000000 big.bin > a.bin
          deps:
          - big.bin
          outs:
          - a.bin
        split:
          cmd: mkdir -p parts && split -b 65536 a.bin parts/p-
          deps:
          - a.bin
          outs:
          - parts
        join:
          cmd: cat parts/p-* data/f0001.bin > joined.bin && md5sum joined.bin > joined.md5
          deps:
          - parts
          - data
          outs:
          - joined.bin
          - joined.md5
      """;

  static final Map<String, List<String>> REPRO_OUTS = Map.of("cut", List.of("a.bin"), "split", List.of("parts"),
      "join", List.of("joined.bin", "joined.md5"));

  /** Builds the fixture of a command; returns the case directory and the command line. */
  static String[] prepare(String command, Path c) throws Exception {
    Path repo = c.resolve("repo");
    Path log = c.resolve("cairn.log");
    switch (command) {
      case "add" -> {
        copyTree(base0, c);
        return new String[] {"add", "data", "big.bin"};
      }
      case "checkout" -> {
        copyTree(base1, c);
        deleteTree(repo.resolve("data"));
        Files.delete(repo.resolve("big.bin"));
        return new String[] {"checkout"};
      }
      case "commit" -> {
        copyTree(base1, c);
        modify(repo, 7);
        return new String[] {"commit"};
      }
      case "push" -> {
        copyTree(base1, c);
        return new String[] {"push"};
      }
      case "pull" -> {
        if (REFERENCES.containsKey("push")) {
          copyTree(REFERENCES.get("push"), c);
        } else {
          copyTree(base1, c);
          runOk(c, log, "push");
        }
        deleteTree(repo.resolve(".dvc/cache"));
        deleteTree(repo.resolve("data"));
        Files.delete(repo.resolve("big.bin"));
        return new String[] {"pull"};
      }
      case "repro" -> {
        copyTree(base0, c);
        Files.writeString(repo.resolve("dvc.yaml"), DVC_YAML);
        return new String[] {"repro"};
      }
      case "gc" -> {
        if (REFERENCES.containsKey("commit")) {
          copyTree(REFERENCES.get("commit"), c);
        } else {
          copyTree(base1, c);
          modify(repo, 7);
          runOk(c, log, "commit");
        }
        return new String[] {"gc", "-w", "-f"};
      }
      default -> throw new IllegalArgumentException(command);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"add", "checkout", "commit", "push", "pull", "repro", "gc"})
  void killedCommandKeepsInvariantsAndRerunMatchesUninterruptedRun(String command) throws Exception {
    String only = System.getProperty("cairn.crash.commands", "");
    Assumptions.assumeTrue(only.isBlank() || List.of(only.split(",")).contains(command), "not in cairn.crash.commands");
    long t0 = System.nanoTime();
    Stats stats = new Stats();
    REPORT.put(command, stats);
    Random rnd = CrashHarness.random(command);
    Path template = newCase(command + "-template");
    deleteTree(template);
    Files.createDirectories(template);
    String[] args = prepare(command, template);
    deleteTree(template.resolve("jvmtmp"));
    Files.createDirectories(template.resolve("jvmtmp"));
    Files.deleteIfExists(template.resolve("cairn.log"));
    State before = CrashHarness.state(template);

    Path ref = tmp.resolve(command + "-reference");
    copyTree(template, ref);
    long r0 = System.nanoTime();
    runOk(ref, ref.resolve("cairn.log"), args);
    stats.referenceMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r0);
    State reference = CrashHarness.state(ref);
    assertThat(reference.tempFiles()).as("an uninterrupted run leaves no temp file").isZero();
    Map<String, Object> refLock = lockStages(ref.resolve("repo"));
    Files.deleteIfExists(ref.resolve("cairn.log"));
    REFERENCES.put(command, ref);

    int rounds = rounds();
    // the rounds of all commands share one time budget: each gets an equal part of what is left
    long budget = (TimeUnit.SECONDS.toNanos(budgetSeconds()) - roundsSpent) / Math.max(1, commandsLeft);
    long roundsStart = System.nanoTime();
    long estimate = stats.referenceMillis;
    for (int round = 0; stats.kills == 0 && round < rounds + 4
        || round < rounds && System.nanoTime() - roundsStart < budget; round++) {
      Path c = tmp.resolve(command + "-round" + round);
      copyTree(template, c);
      Path log = c.resolve("cairn.log");
      Set<String> suiteListing = listing(tmp);
      Map<String, String> outside = snapshot(tmp.resolve("outside"));
      Map<String, String> home = snapshot(c.resolve("home"));
      int killsThisRound = 1 + rnd.nextInt(2);
      for (int k = 0; k < killsThisRound; k++) {
        // half the kills by time, half by progress: when a directory the command writes to (or
        // deletes from) has gone a random part of the way from its count now to its count at the end
        // of the uninterrupted run, which puts the kill inside the write phase however short it is
        String watch = WATCH.get(command).get(rnd.nextInt(WATCH.get(command).size()));
        long from = count(c.resolve(watch));
        long to = count(REFERENCES.get(command).resolve(watch));
        boolean byProgress = rnd.nextBoolean() && from != to;
        long target = from + (long) Math.ceil((to - from) * rnd.nextDouble());
        double frac = rnd.nextDouble() < 0.25 ? rnd.nextDouble() * 0.3 : 0.3 + rnd.nextDouble() * 0.8;
        long delay = Math.max(1, (long) (frac * estimate));
        Files.writeString(log, "--- round " + round + " kill " + k + (byProgress ? " when " + watch + " holds " + target
            + " files" : " after " + delay + " ms") + "\n",
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        long s0 = System.nanoTime();
        Process p = CrashHarness.start(c, log, args);
        boolean finished;
        if (byProgress) {
          long deadline = s0 + TimeUnit.MILLISECONDS.toNanos(3 * estimate + 30_000);
          while (p.isAlive() && System.nanoTime() < deadline) {
            long n = count(c.resolve(watch));
            if (n >= 0 && (to > from ? n >= target : n <= target)) {
              break;
            }
            Thread.sleep(2);
          }
          finished = !p.isAlive();
          frac = (double) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s0) / Math.max(1, estimate);
        } else {
          finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
        }
        if (finished) {
          p.waitFor();
          assertThat(p.exitValue()).as("cairn %s finished on its own:%n%s", command, CrashHarness.tail(log)).isZero();
          stats.finishedBeforeKill++;
          if (k == 0 && !byProgress) { // a full run was shorter than the estimate: aim the next kills within it
            estimate = Math.min(estimate, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s0));
          }
          break;
        }
        CrashHarness.killTree(p);
        if (p.exitValue() == 0) {
          stats.finishedBeforeKill++; // it finished as the kill was sent
          break;
        }
        stats.kills++;
        if (byProgress) {
          stats.byProgress++;
        }
        if (frac < 0.3) {
          stats.early++;
        } else if (frac < 0.7) {
          stats.mid++;
        } else {
          stats.late++;
        }
        checkAfterKill(command, c, before, reference, refLock, stats);
      }
      // rerun uninterrupted: the end state is the reference's
      runOk(c, log, args);
      State after = CrashHarness.state(c);
      stats.tempFilesAfterRerun += after.tempFiles();
      Map<String, String> ws = new LinkedHashMap<>(after.workspace());
      ws.keySet().removeIf(p -> CrashHarness.TEMP.matcher(Path.of(p).getFileName().toString()).matches());
      assertThat(ws).as("%s round %d: workspace after rerun", command, round).isEqualTo(reference.workspace());
      assertThat(after.cache()).as("%s round %d: cache after rerun", command, round).isEqualTo(reference.cache());
      assertThat(after.remote()).as("%s round %d: remote after rerun", command, round).isEqualTo(reference.remote());
      assertOutsideUntouched(c, suiteListing, outside, home, stats);
      stats.rounds++;
      deleteTree(c);
    }
    roundsSpent += System.nanoTime() - roundsStart;
    commandsLeft--;
    deleteTree(template);
    stats.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(stats.kills).as("%s was killed at least once", command).isPositive();
  }

  /**
   * The invariants after a kill:
   * <ul>
   * <li>every object in the cache and the remote has the bytes its name says ({@code .dir}: a
   * manifest); anything else there is a hidden {@code .tmp} file;
   * <li>a {@code .dir} on the remote has all its files;
   * <li>every output a {@code .dvc} file or {@code dvc.lock} records is complete in the cache, or
   * {@code cairn status} reports it {@code not in cache} (only allowed where the fixture itself
   * lacked it: pull);
   * <li>every workspace file has its bytes from before or from after the command (or is absent
   * where either lacks it); {@code .gitignore} holds only lines of either; for repro, a stage's
   * outputs are only checked once dvc.lock records the stage, and each recorded stage equals the
   * uninterrupted run's;
   * <li>nothing changed outside the case directory, nor in the process's {@code HOME}.
   * </ul>
   */
  static void checkAfterKill(String command, Path c, State before, State reference, Map<String, Object> refLock,
      Stats stats) throws Exception {
    Path repo = c.resolve("repo");
    Path cache = repo.resolve(".dvc/cache");
    stats.tempFilesAfterKill += assertObjectsIntact(cache, command + " cache");
    stats.tempFilesAfterKill += assertObjectsIntact(c.resolve("remote"), command + " remote");
    assertDirsComplete(c.resolve("remote"), command + " remote");

    State now = CrashHarness.state(c);
    Map<String, Object> lock = lockStages(repo);
    Set<String> volatilePaths = new HashSet<>();
    if (command.equals("repro")) {
      volatilePaths.add("dvc.lock");
      for (Map.Entry<String, List<String>> e : REPRO_OUTS.entrySet()) {
        if (!lock.containsKey(e.getKey())) {
          volatilePaths.addAll(e.getValue());
        }
      }
      for (Map.Entry<String, Object> e : lock.entrySet()) {
        assertThat(e.getValue()).as("repro: dvc.lock entry %s after a kill", e.getKey()).isEqualTo(refLock.get(e.getKey()));
      }
    }
    Set<String> paths = new TreeSet<>(before.workspace().keySet());
    paths.addAll(reference.workspace().keySet());
    paths.addAll(now.workspace().keySet());
    for (String p : paths) {
      String name = Path.of(p).getFileName().toString();
      if (volatilePaths.stream().anyMatch(v -> p.equals(v) || p.startsWith(v + "/"))) {
        continue;
      }
      String cur = now.workspace().get(p);
      if (CrashHarness.TEMP.matcher(name).matches()) {
        stats.tempFilesAfterKill++;
        continue;
      }
      if (name.equals(".gitignore") && cur != null) {
        Set<String> allowed = new HashSet<>(before.gitignores().getOrDefault(p, List.of()));
        allowed.addAll(reference.gitignores().getOrDefault(p, List.of()));
        assertThat(Files.readAllLines(repo.resolve(p))).as("%s: %s lines after a kill", command, p)
            .allMatch(allowed::contains);
        continue;
      }
      String b = before.workspace().get(p);
      String r = reference.workspace().get(p);
      if (!Objects.equals(cur, b) && !Objects.equals(cur, r)) {
        throw new AssertionError(command + ": workspace file " + p + " after a kill is neither as before (" + b
            + ") nor as after (" + r + "): " + cur + "\n" + CrashHarness.tail(c.resolve("cairn.log")));
      }
    }

    List<String> incomplete = new ArrayList<>();
    for (Map.Entry<String, String> ref : CrashHarness.referencedOuts(repo).entrySet()) {
      if (!missing(cache, ref.getValue()).isEmpty()) {
        incomplete.add(ref.getKey());
      }
    }
    if (!incomplete.isEmpty()) {
      // only pull starts from a cache that lacks recorded outputs; status must say so
      assertThat(command).as("outputs recorded but not complete in the cache after a kill: %s", incomplete)
          .isEqualTo("pull");
      Path slog = c.resolve("status.log");
      assertThat(CrashHarness.run(c, slog, "status", "--json")).isZero();
      String out = Files.readString(slog);
      for (String p : incomplete) {
        assertThat(out).as("status reports %s", p).contains("\"" + p + "\": \"not in cache\"");
      }
      Files.delete(slog);
      stats.statusReports += incomplete.size();
    }
  }

  static void assertOutsideUntouched(Path c, Set<String> suiteListing, Map<String, String> outside,
      Map<String, String> home, Stats stats) throws IOException {
    assertThat(listing(tmp)).as("the suite directory").isEqualTo(suiteListing);
    assertThat(snapshot(tmp.resolve("outside"))).as("a sibling directory").isEqualTo(outside);
    assertThat(snapshot(c.resolve("home"))).as("HOME").isEqualTo(home);
    assertThat(listing(c)).as("the case directory").isSubsetOf("repo", "remote", "home", "jvmtmp", "cairn.log");
    stats.jvmTmp.addAll(listing(c.resolve("jvmtmp")));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> lockStages(Path repo) throws IOException {
    Path f = repo.resolve("dvc.lock");
    if (!Files.exists(f)) {
      return Map.of();
    }
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(f, StandardCharsets.UTF_8));
    assertThat(doc).as("dvc.lock parses").isInstanceOf(Map.class);
    return (Map<String, Object>) ((Map<String, Object>) doc).getOrDefault("stages", Map.of());
  }

  @AfterAll
  static void report() throws IOException {
    for (Path ref : REFERENCES.values()) {
      deleteTree(ref);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("crash suite: seed %d, rounds %d per command, rounds budget %d s for all commands, %d s in all%n",
        CrashHarness.seed(), rounds(), budgetSeconds(),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - suiteStart)));
    sb.append(String.format("%-9s %8s %6s %6s %11s %6s %5s %5s %9s %7s %9s %9s %7s%n", "command", "run ms", "rounds", "kills", "by progress",
        "early", "mid", "late", "finished", "status", "tmp/kill", "tmp/rerun", "secs"));
    int total = 0;
    for (Map.Entry<String, Stats> e : REPORT.entrySet()) {
      Stats s = e.getValue();
      total += s.kills;
      sb.append(String.format("%-9s %8d %6d %6d %11d %6d %5d %5d %9d %7d %9d %9d %7d%n", e.getKey(), s.referenceMillis,
          s.rounds, s.kills, s.byProgress, s.early, s.mid, s.late, s.finishedBeforeKill, s.statusReports, s.tempFilesAfterKill,
          s.tempFilesAfterRerun, s.millis / 1000));
    }
    sb.append("kills survived in all: ").append(total).append('\n');
    Set<String> jvm = new TreeSet<>();
    REPORT.values().forEach(s -> jvm.addAll(s.jvmTmp));
    sb.append("left in java.io.tmpdir: ").append(jvm).append('\n');
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "crash-report.txt"), sb.toString());
    System.out.print(sb);
  }
}
