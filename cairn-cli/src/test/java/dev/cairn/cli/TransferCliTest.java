package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** push, fetch, pull and status -c through the CLI, in-process, with a local-directory remote. */
class TransferCliTest {
  @TempDir
  Path tmp;
  Path repo;
  Path store;
  final List<String> allOutput = new ArrayList<>();

  record Result(int code, String out, String err) {}

  Result run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    String[] full = new String[args.length + 2];
    full[0] = "-C";
    full[1] = repo.toString();
    System.arraycopy(args, 0, full, 2, args.length);
    int code = Main.run(full, new PrintWriter(o, true), new PrintWriter(e, true), false);
    allOutput.add(o.toString());
    allOutput.add(e.toString());
    return new Result(code, o.toString(), e.toString());
  }

  @BeforeEach
  void init() throws Exception {
    repo = tmp.resolve("repo");
    store = tmp.resolve("store");
    Files.createDirectories(repo);
    assertThat(run("init", "--no-scm").code()).isZero();
    assertThat(run("remote", "add", "-d", "store", store.toString()).code()).isZero();
    Files.writeString(repo.resolve("a.txt"), "alpha");
    Files.createDirectories(repo.resolve("data"));
    for (String n : List.of("x", "y", "z")) {
      Files.writeString(repo.resolve("data/" + n), n + n);
    }
    assertThat(run("add", "a.txt", "data").code()).isZero();
  }

  static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  @Test
  void pushStatusPullFetchSpeakLikeDvc() throws Exception {
    Result st = run("status", "-c");
    assertThat(st.code()).isZero();
    assertThat(st.out()).isEqualTo("\tnew:                a.txt\n\tnew:                data\n"
        + "\tnew:                data/x\n\tnew:                data/y\n\tnew:                data/z\n");
    assertThat(run("status", "--cloud", "--json", "a.txt").out().strip()).isEqualTo("{\"a.txt\": \"new\"}");

    Result push = run("push");
    assertThat(push.code()).isZero();
    assertThat(push.out()).isEqualTo("5 files pushed\n");
    assertThat(push.err()).isEmpty(); // no progress bars when stderr is not a terminal
    assertThat(run("push").out()).isEqualTo("Everything is up to date.\n");
    assertThat(run("status", "-c").out()).isEqualTo("Cache and remote 'store' are in sync.\n");
    assertThat(run("status", "-r", "store", "--json").out().strip()).isEqualTo("{}");

    deleteTree(repo.resolve(".dvc/cache"));
    deleteTree(repo.resolve("data"));
    Files.delete(repo.resolve("a.txt"));
    assertThat(run("status", "-c", "--json", "a.txt").out().strip()).isEqualTo("{\"a.txt\": \"deleted\"}");
    Result pull = run("pull", "-j", "2");
    assertThat(pull.code()).isZero();
    assertThat(pull.out()).isEqualTo("A\ta.txt\nA\tdata/\n2 files added and 5 files fetched\n");
    assertThat(repo.resolve("data/y")).hasContent("yy");
    assertThat(run("pull").out()).isEqualTo("Everything is up to date.\n");
    assertThat(run("fetch").out()).isEqualTo("Everything is up to date.\n");

    Result json = run("push", "--json");
    assertThat(json.out().strip()).isEqualTo("{\"transferred\": 0, \"already_present\": 5, \"bytes\": 0, \"failed\": [],"
        + " \"run_cache\": 0, \"remotes\": [\"store\"]}");
    Files.writeString(repo.resolve("a.txt"), "alpha 2");
    assertThat(run("add", "a.txt").code()).isZero();
    assertThat(run("push", "a.txt").out()).isEqualTo("1 file pushed\n");
  }

  @Test
  void corruptRemoteObjectFailsPullWithOneLine() throws Exception {
    assertThat(run("push").code()).isZero();
    Path obj = store.resolve("files/md5/b4/70b2e4d2bc2c6c7c3a9b5f3fca5d3b");
    try (Stream<Path> s = Files.walk(store.resolve("files/md5"))) {
      obj = s.filter(Files::isRegularFile).filter(p -> {
        try {
          return Files.readString(p).equals("yy");
        } catch (Exception e) {
          return false;
        }
      }).findFirst().orElseThrow();
    }
    Files.writeString(obj, "corrupted");
    deleteTree(repo.resolve(".dvc/cache"));
    deleteTree(repo.resolve("data"));
    Files.delete(repo.resolve("a.txt"));
    Result pull = run("pull");
    assertThat(pull.code()).isEqualTo(1);
    assertThat(pull.err().strip().lines()).hasSize(1);
    assertThat(pull.err()).startsWith("ERROR: Failed to fetch 1 of 5 files: ").contains("corrupt on remote 'store'")
        .contains("not checked out: data/").doesNotContain("Exception");
    assertThat(repo.resolve("a.txt")).hasContent("alpha");
    assertThat(repo.resolve("data")).doesNotExist();
    Result json = run("fetch", "--json");
    assertThat(json.code()).isEqualTo(1);
    assertThat(json.out()).contains("\"failed\": [{\"object\": \"files/md5/");
  }

  @Test
  void badRemoteInputGetsOneLineAndExitCode() throws Exception {
    Result unknown = run("push", "-r", "nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("ERROR: Remote 'nope' does not exist; see 'cairn remote list'\n");
    Result status = run("status", "-c", "-r", "nope");
    assertThat(status.code()).isEqualTo(2);

    assertThat(run("remote", "default", "--unset").code()).isZero();
    Result noDefault = run("fetch");
    assertThat(noDefault.code()).isEqualTo(2);
    assertThat(noDefault.err().strip().lines()).hasSize(1);
    assertThat(noDefault.err()).contains("no default remote");

    assertThat(run("remote", "add", "bad", "nosuch://bucket/path").code()).isZero();
    Result bad = run("pull", "-r", "bad");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip().lines()).hasSize(1);
    assertThat(bad.err()).contains("Cannot use remote 'bad': Unsupported remote URL scheme 'nosuch://'");

    assertThat(run("remote", "add", "worse", "file://host/%zz").code()).isZero();
    Result worse = run("push", "-r", "worse");
    assertThat(worse.code()).isEqualTo(2);
    assertThat(worse.err()).isEqualTo("ERROR: Cannot use remote 'worse': malformed URL 'file://host/%zz'\n");

    assertThat(run("push", "-j", "-3").code()).isEqualTo(2);
  }

  @Test
  void secretsAreNeverPrinted() throws Exception {
    String secret = "wJalrXUtnFEMI0K7MDENG0bPxRfiCYSECRET";
    Files.writeString(repo.resolve(".dvc/config.local"), "['remote \"store\"']\n    secret_access_key = " + secret + "\n"
        + "['remote \"cloud\"']\n    url = nosuch://AKIAEXAMPLE:" + secret + "@bucket/x\n    secret_access_key = "
        + secret + "\n");
    run("push", "-v");
    run("push", "--json");
    run("status", "-c", "-v");
    run("status", "-c", "--json");
    run("fetch", "-v");
    run("pull", "-v", "--json");
    Result cloud = run("push", "-v", "-r", "cloud");
    assertThat(cloud.code()).isEqualTo(2);
    run("status", "-c", "-r", "cloud");
    run("pull", "-r", "cloud", "--run-cache");
    run("remote", "list");
    assertThat(allOutput).isNotEmpty().noneMatch(s -> s.contains(secret));
  }

  @Test
  void progressGoesToATerminalOnly() throws Exception {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(new String[] {"-C", repo.toString(), "push"}, new PrintWriter(o, true), new PrintWriter(e, true),
        true);
    assertThat(code).isZero();
    assertThat(o.toString()).isEqualTo("5 files pushed\n");
    assertThat(e.toString()).contains("Pushing 5 files to 'store'");
  }

  @Test
  void runCacheTravelsWithPushAndPull() throws Exception {
    Path entry = repo.resolve(".dvc/cache/runs/ab/" + "a".repeat(64) + "/" + "b".repeat(64));
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "cmd: train\n");
    assertThat(run("push", "--run-cache").out()).isEqualTo("6 files pushed\n");
    assertThat(store.resolve("runs/ab/" + "a".repeat(64) + "/" + "b".repeat(64))).hasContent("cmd: train\n");
    Files.delete(entry);
    assertThat(run("fetch", "--run-cache").out()).isEqualTo("1 file fetched\n");
    assertThat(entry).hasContent("cmd: train\n");
  }
}
