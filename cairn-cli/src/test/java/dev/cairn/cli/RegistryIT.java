package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, a data registry end to end through the CLI, on loopback only. The registry is a Git
 * repository (pushed to a bare one) whose data is on an S3Proxy remote ({@code storage}) and, for
 * one output, on a local-directory remote ({@code backup}); neither the S3 endpoint and keys nor
 * the backup's path are committed: the consumer's global DVC config holds them, as credentials
 * should be held. Commits have fixed authors and times, so their SHAs, and so the consumer's
 * {@code .dvc} files, are the same on every run and are compared byte for byte with the text DVC
 * writes (its stage md5s computed independently, with Python's {@code json.dumps(sort_keys=True)}).
 */
class RegistryIT {
  static final String ACCESS_KEY = "registry-it-access";
  static final String SECRET_KEY = "registry-it-secret-7f3a9";
  /** The registry's commits: fixed contents, authors and times give the same SHAs on every run. */
  static final String V1 = "6853d2878eda34b254643a2b4e57d927a50490f9";
  static final String V2 = "158b209915f019d95000ad86862226c356486c70";

  @TempDir
  Path tmp;
  S3Proxy proxy;
  Map<String, String> env;
  Path work;
  Path bare;
  Path consumer;
  Git registry;
  int tick;
  final Map<String, RevCommit> commits = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("s3proxy"));
    Files.createDirectories(base.resolve("bucket"));
    proxy = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(base.toString()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    proxy.start();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    Path home = Files.createDirectories(tmp.resolve("home"));
    env = new HashMap<>(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME", home.toString(),
        "DVC_GLOBAL_CONFIG_DIR", tmp.resolve("global").toString(), "DVC_SYSTEM_CONFIG_DIR",
        tmp.resolve("system").toString(), "CAIRN_REPO_CACHE", tmp.resolve("clones").toString(), "CAIRN_FSYNC", "0",
        "GIT_CONFIG_NOSYSTEM", "1"));
    writeGlobalConfig("http://127.0.0.1:" + proxy.getPort());
    buildRegistry();
    consumer = Files.createDirectories(tmp.resolve("consumer"));
    Git.init().setDirectory(consumer.toFile()).setInitialBranch("main").call().close();
    assertThat(run(consumer, "init").code()).isZero();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (registry != null) {
      registry.close();
    }
    proxy.stop();
  }

  void writeGlobalConfig(String endpoint) throws IOException {
    Path g = Files.createDirectories(tmp.resolve("global"));
    Files.writeString(g.resolve("config"), String.join("\n",
        "['remote \"storage\"']",
        "    endpointurl = " + endpoint,
        "    region = us-east-1",
        "    access_key_id = " + ACCESS_KEY,
        "    secret_access_key = " + SECRET_KEY,
        "    connect_timeout = 2",
        "    read_timeout = 5",
        "['remote \"backup\"']",
        "    url = " + tmp.resolve("backup"),
        ""), StandardCharsets.UTF_8);
  }

  record Run(int code, String out, String err) {
    List<String> errLines() {
      return err.isBlank() ? List.of() : List.of(err.strip().split("\n"));
    }
  }

  Run run(Path dir, String... args) {
    return run(env, dir, args);
  }

  static Run run(Map<String, String> environment, Path dir, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    List<String> full = new ArrayList<>(List.of("-C", dir.toString()));
    full.addAll(List.of(args));
    int code = Main.run(full.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true), false,
        environment);
    return new Run(code, o.toString(), e.toString());
  }

  void ok(Path dir, String... args) {
    Run r = run(dir, args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
  }

  void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  RevCommit commit(String message) throws Exception {
    registry.add().addFilepattern(".").call();
    registry.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("Registry", "registry@example.com",
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * tick++), ZoneOffset.UTC);
    RevCommit c = registry.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    commits.put(message, c);
    return c;
  }

  /** Pushes the registry's branches and tags to the bare repository consumers import from. */
  void publish() throws Exception {
    registry.push().setRemote(bare.toUri().toString()).setPushAll().setPushTags().setForce(true).call();
  }

  void buildRegistry() throws Exception {
    work = Files.createDirectories(tmp.resolve("work"));
    registry = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
    ok(work, "init");
    ok(work, "remote", "add", "-d", "storage", "s3://bucket/registry");
    write(work, "README.md", "Shared datasets.\n");
    write(work, "data/notes.md", "Labels are lower case.\n");
    write(work, "data/train.csv", "id,label\n1,cat\n");
    write(work, "data/images/cat.png", "meow");
    write(work, "data/images/dog.png", "woof");
    write(work, "data/labels.csv", "cat\ndog\n");
    ok(work, "add", "data/train.csv", "data/images", "data/labels.csv");
    Files.writeString(work.resolve("data/labels.csv.dvc"), "  remote: backup\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    ok(work, "push");
    commit("v1");
    registry.tag().setName("v1").setAnnotated(false).call();
    write(work, "data/train.csv", "id,label\n1,cat\n2,dog\n");
    write(work, "data/images/bird.png", "tweet");
    ok(work, "add", "data/train.csv", "data/images");
    ok(work, "push");
    commit("v2");
    bare = tmp.resolve("registry.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    publish();
    // nothing of the registry's own cache may serve the consumers
    deleteTree(work.resolve(".dvc/cache"));
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        q.toFile().setWritable(true);
        Files.delete(q);
      }
    }
  }

  /** Every file of the consumer's workspace (not .git, not the cache or .dvc/tmp) with its content. */
  Map<String, String> snapshot() throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(consumer)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = consumer.relativize(p).toString();
        if (rel.startsWith(".git/") || rel.startsWith(".dvc/cache/") || rel.startsWith(".dvc/tmp/")) {
          continue;
        }
        m.put(rel, Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    return m;
  }

  static String md5(String text) throws java.security.NoSuchAlgorithmException {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  String read(String rel) throws IOException {
    return Files.readString(consumer.resolve(rel), StandardCharsets.UTF_8);
  }

  @Test
  void importAtATagUpdateGetListPullAndPush() throws Exception {
    assertThat(commits.get("v1").name()).as("the registry's commits are reproducible").isEqualTo(V1);
    assertThat(commits.get("v2").name()).isEqualTo(V2);

    // import a file and a directory at a tag
    ok(consumer, "import", "../registry.git", "data/train.csv", "--rev", "v1");
    ok(consumer, "import", "../registry.git", "data/images", "--rev", "v1", "-o", "images");
    assertThat(read("train.csv.dvc")).isEqualTo("""
        md5: 04e17706f8748918131848532b5815f2
        frozen: true
        deps:
        - path: data/train.csv
          repo:
            url: ../registry.git
            rev: v1
            rev_lock: 6853d2878eda34b254643a2b4e57d927a50490f9
        outs:
        - md5: 0f73e4cad20754a1eec8c0884f93c799
          size: 15
          hash: md5
          path: train.csv
        """);
    assertThat(read("images.dvc")).isEqualTo("""
        md5: 92f95ac644384a7601a1092a5d30eec7
        frozen: true
        deps:
        - path: data/images
          repo:
            url: ../registry.git
            rev: v1
            rev_lock: 6853d2878eda34b254643a2b4e57d927a50490f9
        outs:
        - md5: 9deb11fdf5dcfee779f842a1435f3752.dir
          size: 8
          nfiles: 2
          hash: md5
          path: images
        """);
    assertThat(read("train.csv")).isEqualTo("id,label\n1,cat\n");
    assertThat(read("images/cat.png")).isEqualTo("meow");
    assertThat(consumer.resolve("images/bird.png")).doesNotExist();
    assertThat(read(".gitignore")).isEqualTo("/train.csv\n/images\n");
    assertThat(run(consumer, "status").out()).isEqualTo("Data and pipelines are up to date.\n");

    // an output kept on the registry's other remote
    ok(consumer, "import", "../registry.git", "data/labels.csv", "--rev", "v1");
    assertThat(read("labels.csv")).isEqualTo("cat\ndog\n");

    // update to a newer commit: only what changed is downloaded
    Run up = run(consumer, "update", "train.csv.dvc", "images.dvc", "--rev", "main", "--json");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out()).isEqualTo("[{\"dvc_file\": \"train.csv.dvc\", \"old\": \"" + V1 + "\", \"new\": \"" + V2
        + "\", \"changed\": true, \"fetched\": 1}, {\"dvc_file\": \"images.dvc\", \"old\": \"" + V1
        + "\", \"new\": \"" + V2 + "\", \"changed\": true, \"fetched\": 2}]\n");
    assertThat(read("train.csv.dvc")).isEqualTo("""
        md5: bf82582a52a847b6d994a5dfd9e23c72
        frozen: true
        deps:
        - path: data/train.csv
          repo:
            url: ../registry.git
            rev: main
            rev_lock: 158b209915f019d95000ad86862226c356486c70
        outs:
        - md5: acb8838f86fc4063184d5e3e13ad30b6
          size: 21
          hash: md5
          path: train.csv
        """);
    assertThat(read("images.dvc")).isEqualTo("""
        md5: 855d2d2582ea17d2cf1a4e1f20e91811
        frozen: true
        deps:
        - path: data/images
          repo:
            url: ../registry.git
            rev: main
            rev_lock: 158b209915f019d95000ad86862226c356486c70
        outs:
        - md5: 1fe6226e4529a90e14685cc87733e568.dir
          size: 13
          nfiles: 3
          hash: md5
          path: images
        """);
    assertThat(read("images/bird.png")).isEqualTo("tweet");
    Run again = run(consumer, "update", "train.csv.dvc");
    assertThat(again.code()).isZero();
    assertThat(again.err()).contains("'train.csv.dvc' didn't change, skipping");

    // the registry moves on: status says so, update follows
    write(work, "data/train.csv", "id,label\n1,cat\n2,dog\n3,bird\n");
    ok(work, "add", "data/train.csv");
    ok(work, "push");
    commit("v3");
    publish();
    Run st = run(consumer, "status", "--json");
    assertThat(st.out()).isEqualTo("{\"images.dvc\": [{\"changed deps\": {\"data/images (../registry.git)\":"
        + " \"update available\"}}], \"train.csv.dvc\": [{\"changed deps\": {\"data/train.csv (../registry.git)\":"
        + " \"update available\"}}]}\n");
    assertThat(run(consumer, "status").out()).isEqualTo("images.dvc:\n\tchanged deps:\n\t\tupdate available:   "
        + "data/images (../registry.git)\ntrain.csv.dvc:\n\tchanged deps:\n\t\tupdate available:   "
        + "data/train.csv (../registry.git)\n");
    assertThat(run(consumer, "status", "--no-updates").out()).isEqualTo("Data and pipelines are up to date.\n");
    ok(consumer, "update", "train.csv.dvc");
    assertThat(read("train.csv")).endsWith("3,bird\n");
    assertThat(read("train.csv.dvc")).contains("rev_lock: " + commits.get("v3").name());

    // get and list need no repository
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    ok(outside, "get", "../registry.git", "data/images", "--rev", "v1", "-o", "got");
    assertThat(outside.resolve("got/cat.png")).hasContent("meow");
    try (Stream<Path> s = Files.list(outside)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("got");
    }
    ok(outside, "get", "../registry.git", "README.md");
    assertThat(outside.resolve("README.md")).hasContent("Shared datasets.");
    Run ls = run(outside, "list", "../registry.git", "data", "--rev", "v1");
    assertThat(ls.out()).isEqualTo(String.join("\n", ".gitignore", "images", "images.dvc", "labels.csv",
        "labels.csv.dvc", "notes.md", "train.csv", "train.csv.dvc", ""));
    Run lsj = run(outside, "ls", "../registry.git", "-R", "--dvc-only", "--rev", "v1", "--json");
    assertThat(lsj.out()).contains("\"path\": \"data/images/cat.png\"").contains("\"path\": \"data/labels.csv\"")
        .doesNotContain("README.md").doesNotContain("notes.md");

    // the consumer's own remote never receives imported data; status -c ignores it, as DVC
    ok(consumer, "remote", "add", "-d", "mine", tmp.resolve("mine").toString());
    Run push = run(consumer, "push");
    assertThat(push.out()).isEqualTo("Everything is up to date.\n");
    assertThat(tmp.resolve("mine")).doesNotExist();
    assertThat(run(consumer, "status", "-c").out()).isEqualTo("Cache and remote 'mine' are in sync.\n");

    // pull brings imports back from the registry's remotes (S3 and the backup directory)
    deleteTree(consumer.resolve(".dvc/cache"));
    deleteTree(consumer.resolve("images"));
    Files.delete(consumer.resolve("train.csv"));
    Files.delete(consumer.resolve("labels.csv"));
    Run pull = run(consumer, "pull");
    assertThat(pull.code()).as(pull.err()).isZero();
    assertThat(read("images/bird.png")).isEqualTo("tweet");
    assertThat(read("labels.csv")).isEqualTo("cat\ndog\n");
    assertThat(read("train.csv")).endsWith("3,bird\n");
    assertThat(pull.out()).endsWith("3 files added and 6 files fetched\n");
  }

  /**
   * import-url from an S3 remote (through {@code remote://}, the keys from the global config) and
   * from a local directory; update of the directory after it changed; get-url and ls-url; push
   * uploads import-url data (it belongs to the consumer) but not a repository import's; gc -w keeps
   * the objects of both kinds of import and drops the directory's old version.
   */
  @Test
  void importUrlUpdateGetUrlLsUrlPushAndGc() throws Exception {
    ok(consumer, "import", "../registry.git", "data/train.csv", "--rev", "v1");
    // the registry's bucket as a remote of the consumer; endpoint and keys come from the global config
    ok(consumer, "remote", "add", "storage", "s3://bucket/registry");
    String md5 = md5("id,label\n1,cat\n");
    String key = "files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2);
    ok(consumer, "import-url", "remote://storage/" + key, "s3.csv");
    assertThat(read("s3.csv")).isEqualTo("id,label\n1,cat\n");
    assertThat(read("s3.csv.dvc")).startsWith("md5: ").contains("frozen: true\ndeps:\n- etag: ")
        .contains("  path: remote://storage/" + key + "\nouts:\n- md5: " + md5 + "\n  size: 15\n  hash: md5\n"
            + "  path: s3.csv\n");

    Path ext = Files.createDirectories(tmp.resolve("ext/dir"));
    write(ext, "a.txt", "alpha\n");
    write(ext, "b.txt", "beta\n");
    ok(consumer, "import-url", ext.toString(), "extdir");
    assertThat(read("extdir/a.txt")).isEqualTo("alpha\n");
    String first = read("extdir.dvc");
    assertThat(first).contains("  path: " + ext + "\n").contains("  nfiles: 2\n");
    Run same = run(consumer, "update", "extdir.dvc");
    assertThat(same.err()).contains("'extdir.dvc' didn't change, skipping");
    write(ext, "a.txt", "alpha, revised\n");
    Run up = run(consumer, "update", "extdir.dvc");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.err()).contains("Updated 'extdir.dvc'");
    assertThat(read("extdir/a.txt")).isEqualTo("alpha, revised\n");
    assertThat(read("extdir.dvc")).isNotEqualTo(first);

    Path outside = Files.createDirectories(tmp.resolve("outside-url"));
    ok(outside, "get-url", ext.resolve("b.txt").toString(), "b-copy.txt");
    assertThat(outside.resolve("b-copy.txt")).hasContent("beta");
    Run lsUrl = run(outside, "ls-url", ext.getParent().toString(), "-R");
    assertThat(lsUrl.out()).isEqualTo("dir/a.txt\ndir/b.txt\n");

    // import-url data is the consumer's to push (the S3 file, the directory's .dir and two files)
    ok(consumer, "remote", "add", "-d", "mine", tmp.resolve("mine").toString());
    Run push = run(consumer, "push");
    assertThat(push.out()).isEqualTo("4 files pushed\n");

    // gc -w drops the directory's old version only; every import checks out from the cache again
    Run gc = run(consumer, "gc", "-w", "-f");
    assertThat(gc.code()).as(gc.err()).isZero();
    deleteTree(consumer.resolve("extdir"));
    Files.delete(consumer.resolve("s3.csv"));
    Files.delete(consumer.resolve("train.csv"));
    Run co = run(consumer, "checkout");
    assertThat(co.code()).as(co.err()).isZero();
    assertThat(read("extdir/a.txt")).isEqualTo("alpha, revised\n");
    assertThat(read("s3.csv")).isEqualTo("id,label\n1,cat\n");
    assertThat(read("train.csv")).isEqualTo("id,label\n1,cat\n");
  }

  @Test
  void failuresAreOneLineWithTheRightExitCodeAndWriteNothing() throws Exception {
    ok(consumer, "import", "../registry.git", "data/train.csv", "--rev", "v1");
    // the registry deletes the path in its next commit
    Files.delete(work.resolve("data/train.csv.dvc"));
    commit("v3");
    publish();
    Map<String, String> before = snapshot();

    Run moved = run(consumer, "update", "train.csv.dvc", "--rev", "main");
    assertThat(moved.code()).isEqualTo(1);
    assertThat(moved.errLines()).singleElement().asString().startsWith("ERROR: Cannot update train.csv.dvc:")
        .contains("'data/train.csv' no longer exists in ../registry.git@");
    assertThat(snapshot()).isEqualTo(before);

    Run unknownRev = run(consumer, "import", "../registry.git", "data/images", "--rev", "v9");
    assertThat(unknownRev.code()).isEqualTo(2);
    assertThat(unknownRev.errLines()).singleElement().asString().contains("Unknown revision 'v9' in ../registry.git");
    assertThat(snapshot()).isEqualTo(before);

    Run missing = run(consumer, "import", "../registry.git", "data/nope.csv", "--rev", "v1");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.errLines()).singleElement().asString().contains("Path 'data/nope.csv' does not exist");
    assertThat(snapshot()).isEqualTo(before);

    // the backup remote holds a corrupt copy of labels.csv
    Path object;
    try (Stream<Path> s = Files.walk(tmp.resolve("backup/files"))) {
      object = s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    object.toFile().setWritable(true);
    Files.writeString(object, "cat\ndgo\n", StandardCharsets.UTF_8);
    Run corrupt = run(consumer, "import", "../registry.git", "data/labels.csv", "--rev", "v1");
    System.out.print("corrupt object: " + corrupt.err());
    assertThat(corrupt.code()).isEqualTo(1);
    assertThat(corrupt.errLines()).singleElement().asString().contains("data/labels.csv")
        .contains("corrupt on remote 'backup'");
    assertThat(snapshot()).isEqualTo(before);

    // the S3 endpoint is down
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      writeGlobalConfig("http://127.0.0.1:" + s.getLocalPort());
    }
    long t0 = System.nanoTime();
    Run down = run(consumer, "import", "../registry.git", "data/images", "--rev", "v1");
    System.out.print("unreachable remote: " + down.err());
    System.out.printf("unreachable remote: failed after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(down.code()).isEqualTo(1);
    assertThat(down.errLines()).singleElement().asString().contains("Cannot get 'data/images' from ../registry.git@")
        .contains("remote 'storage'").doesNotContain(SECRET_KEY);
    assertThat(snapshot()).isEqualTo(before);
  }
}
