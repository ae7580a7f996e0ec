package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.hash.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-made attacks on the files a cloned repository brings (issue 9, hostile input): each is refused
 * with one clear line and exit code 2, quickly, and nothing outside the workspace is written — a
 * sentinel directory beside the repository is snapshotted before and compared after every test.
 */
class HostileInputTest {
  /** md5 of "foo", an object put in the cache by {@link #init()}. */
  static final String FOO = "acbd18db4cc2f85cedef654fccc4a4d8";

  @TempDir
  Path tmp;
  Path repo;
  Path outside;
  Map<String, String> before;

  @BeforeEach
  void init() throws Exception {
    repo = tmp.resolve("repo");
    outside = tmp.resolve("outside");
    Files.createDirectories(repo);
    Files.createDirectories(outside.resolve("dir"));
    Files.writeString(outside.resolve("keep"), "sentinel");
    Files.writeString(outside.resolve("dir/keep"), "sentinel");
    assertThat(run("init", "--no-scm").code()).isZero();
    Files.writeString(repo.resolve("foo"), "foo");
    assertThat(run("add", "foo").code()).isZero();
    before = snapshot();
  }

  @AfterEach
  void nothingWrittenOutside() throws IOException {
    assertThat(snapshot()).as("files outside the workspace").isEqualTo(before);
  }

  /** Every path under the temp dir but the repository, with its content (or link target). */
  Map<String, String> snapshot() throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(tmp)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.startsWith(repo)) {
          continue;
        }
        String v = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
            : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : Files.readString(p);
        m.put(tmp.relativize(p).toString(), v);
      }
    }
    return m;
  }

  CliRun run(String... args) {
    return CliRun.in(repo, args);
  }

  /** Runs {@code args} and checks the refusal: exit 2, one line, containing {@code message}, no stack trace. */
  CliRun refused(String message, String... args) {
    long t0 = System.nanoTime();
    CliRun r = run(args);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.code()).as("exit code of %s: %s", String.join(" ", args), r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(ms).as("refused quickly").isLessThan(10_000);
    System.out.println("refused in " + ms + " ms: " + String.join(" ", args) + " -> " + r.err().strip());
    return r;
  }

  void write(String rel, String text) throws IOException {
    CliRun.write(repo, rel, text);
  }

  /** Puts a .dir manifest with these bytes in the cache and returns its hash. */
  String cacheManifest(String json) throws IOException {
    String oid = Hashing.md5Hex(json.getBytes(StandardCharsets.UTF_8)) + ".dir";
    Path obj = repo.resolve(".dvc/cache/files/md5/" + oid.substring(0, 2) + "/" + oid.substring(2));
    Files.createDirectories(obj.getParent());
    Files.writeString(obj, json);
    return oid;
  }

  // ---- a remote that returns other bytes than the hash it was asked for ----

  @Test
  void httpRemoteReturningWrongBytesIsRefused() throws Exception {
    Files.createDirectories(repo.resolve("data"));
    Files.writeString(repo.resolve("data/a"), "alpha");
    Files.writeString(repo.resolve("data/b"), "beta");
    assertThat(run("add", "data").code()).isZero();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    byte[] evil = "evil bytes, not what was asked for".getBytes(StandardCharsets.UTF_8);
    server.createContext("/", x -> {
      x.getRequestBody().readAllBytes();
      if (x.getRequestMethod().equals("GET")) {
        x.sendResponseHeaders(200, evil.length);
        x.getResponseBody().write(evil);
      } else if (x.getRequestMethod().equals("HEAD")) {
        x.getResponseHeaders().add("Content-Length", Integer.toString(evil.length));
        x.sendResponseHeaders(200, -1);
      } else {
        x.sendResponseHeaders(405, -1);
      }
      x.close();
    });
    server.start();
    try {
      assertThat(run("remote", "add", "evil", "http://127.0.0.1:" + server.getAddress().getPort() + "/store")
          .code()).isZero();
      FileTreesForTest.delete(repo.resolve(".dvc/cache"));
      FileTreesForTest.delete(repo.resolve("data"));
      Files.delete(repo.resolve("foo"));
      CliRun pull = run("pull", "-r", "evil");
      assertThat(pull.code()).as(pull.err()).isEqualTo(1);
      assertThat(pull.err().strip().lines()).hasSize(1);
      assertThat(pull.err()).contains("corrupt on remote 'evil'").doesNotContain("Exception");
      assertThat(repo.resolve("data")).doesNotExist();
      assertThat(repo.resolve("foo")).doesNotExist();
      // nothing with the wrong bytes went into the cache
      if (Files.exists(repo.resolve(".dvc/cache"))) {
        try (Stream<Path> s = Files.walk(repo.resolve(".dvc/cache"))) {
          for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
            assertThat(Files.readAllBytes(p)).as(p.toString()).isNotEqualTo(evil);
          }
        }
      }
    } finally {
      server.stop(0);
    }
  }

  /** Deletes a tree, read-only cache files included. */
  static final class FileTreesForTest {
    static void delete(Path p) throws IOException {
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try (Stream<Path> s = Files.walk(p)) {
        for (Path q : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
          q.toFile().setWritable(true);
          Files.delete(q);
        }
      }
    }
  }

  // ---- path traversal and absolute paths ----

  @ParameterizedTest
  @ValueSource(strings = {"../../escaped", "a/../../x", "../outside/keep", "/ABS/keep", "./x", "a//b", "C:/x"})
  void manifestRelpathOutsideIsRefused(String relpath) throws Exception {
    String rp = relpath.replace("/ABS", outside.toString());
    String oid = cacheManifest("[{\"md5\": \"" + FOO + "\", \"relpath\": \"" + rp + "\"}]");
    write("evil.dvc", "outs:\n- md5: " + oid + "\n  hash: md5\n  path: evil\n");
    refused("unsafe relpath", "checkout", "evil.dvc");
    refused("unsafe relpath", "checkout", "--force");
    assertThat(repo.resolve("evil")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside/keep", "a/../../outside/keep", "/ABS/keep", "../outside/new"})
  void dvcFilePathOutsideIsRefused(String path) throws Exception {
    write("evil.dvc", "outs:\n- md5: " + FOO + "\n  hash: md5\n  path: " + path.replace("/ABS", outside.toString()) + "\n");
    refused("outside the workspace", "checkout", "evil.dvc");
    refused("outside the workspace", "checkout", "--force");
  }

  @Test
  void dvcFileWdirOutsideIsRefused() throws Exception {
    write("evil.dvc", "wdir: ../outside\nouts:\n- md5: " + FOO + "\n  hash: md5\n  path: new\n");
    refused("outside the workspace", "checkout", "--force");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside/keep", "a/../../outside/new", "/ABS/keep"})
  void lockedOutputOutsideIsRefused(String path) throws Exception {
    String p = path.replace("/ABS", outside.toString());
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo hi\n    outs:\n    - " + p + "\n");
    write("dvc.lock", "schema: '2.0'\nstages:\n  s:\n    cmd: echo hi\n    outs:\n    - path: " + p
        + "\n      hash: md5\n      md5: " + FOO + "\n      size: 3\n");
    refused("outside", "checkout", "--force");
    refused("outside", "repro");
  }

  @Test
  void stageWdirOutsideIsRefused() throws Exception {
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo hi > new\n    wdir: ../outside\n    outs:\n    - new\n");
    refused("outside", "repro");
  }

  // ---- symlinks ----

  @Test
  void checkoutDoesNotWriteThroughASymlinkedDirectory() throws Exception {
    String oid = cacheManifest("[{\"md5\": \"" + FOO + "\", \"relpath\": \"new\"}]");
    Files.createSymbolicLink(repo.resolve("data"), outside.resolve("dir"));
    write("data.dvc", "outs:\n- md5: " + oid + "\n  hash: md5\n  path: data\n");
    refused("its parent data is a symlink", "checkout", "--force");
  }

  @Test
  void checkoutDoesNotWriteThroughASymlinkInsideADirectory() throws Exception {
    String oid = cacheManifest("[{\"md5\": \"" + FOO + "\", \"relpath\": \"sub/new\"}]");
    Files.createDirectories(repo.resolve("data"));
    Files.createSymbolicLink(repo.resolve("data/sub"), outside.resolve("dir"));
    write("data.dvc", "outs:\n- md5: " + oid + "\n  hash: md5\n  path: data\n");
    refused("its parent data/sub is a symlink", "checkout", "--force");
  }

  @Test
  void checkoutDoesNotWriteThroughASymlinkedParent() throws Exception {
    Files.createSymbolicLink(repo.resolve("link"), outside.resolve("dir"));
    write("evil.dvc", "outs:\n- md5: " + FOO + "\n  hash: md5\n  path: link/new\n");
    refused("its parent link is a symlink", "checkout", "--force");
  }

  @Test
  void addOfASymlinkToOutsideOnlyReadsIt() throws Exception {
    // as DVC: add follows links and hashes what they point to; reading outside writes nothing there
    Files.createSymbolicLink(repo.resolve("ln"), outside.resolve("keep"));
    Files.createDirectories(repo.resolve("d"));
    Files.writeString(repo.resolve("d/in"), "in");
    Files.createSymbolicLink(repo.resolve("d/ln"), outside.resolve("dir"));
    assertThat(run("add", "ln").code()).isZero();
    assertThat(run("add", "d").code()).isZero();
    // a checkout that would now write d/ln/keep refuses to go through the link
    Files.delete(repo.resolve("d/in"));
    Files.delete(repo.resolve("ln"));
    CliRun c = run("checkout", "--force");
    assertThat(c.code()).as(c.err()).isIn(0, 2);
    assertThat(repo.resolve("ln")).hasContent("sentinel");
    assertThat(repo.resolve("d/in")).hasContent("in");
  }

  // ---- YAML bombs, deep nesting, explosions ----

  static String bomb() {
    StringBuilder sb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 10; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      sb.append("]\n");
    }
    return sb.toString();
  }

  static String indent(String s, String by) {
    return s.lines().map(l -> by + l + "\n").reduce("", String::concat);
  }

  @Test
  void yamlBombInParamsIsRefused() throws Exception {
    write("params.yaml", bomb());
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo ${a10}\n    params: [a10]\n");
    refused("params.yaml: malformed YAML: aliases expand to more than", "repro", "--dry");
    refused("params.yaml: malformed YAML: aliases expand to more than", "status");
  }

  @Test
  void yamlBombInDvcYamlIsRefused() throws Exception {
    write("dvc.yaml", "vars:\n- " + bomb().replace("\n", "\n  ").strip() + "\nstages:\n  s:\n    cmd: echo ${a10}\n");
    refused("dvc.yaml: malformed YAML: aliases expand to more than", "status");
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo\n    meta:\n" + indent(bomb(), "      "));
    refused("dvc.yaml: malformed YAML: aliases expand to more than", "status");
  }

  @Test
  void yamlBombInDvcLockAndDvcFileIsRefused() throws Exception {
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo\n");
    write("dvc.lock", "schema: '2.0'\nstages:\n  s:\n    cmd: echo\n    params:\n      params.yaml:\n"
        + indent(bomb(), "        "));
    refused("dvc.lock: malformed YAML: aliases expand to more than", "status");
    Files.delete(repo.resolve("dvc.lock"));
    Files.delete(repo.resolve("dvc.yaml"));
    write("x.dvc", "outs:\n- md5: " + FOO + "\n  path: foo\n  meta:\n" + indent(bomb(), "    "));
    refused("x.dvc: malformed YAML: aliases expand to more than", "status");
  }

  @Test
  void recursiveAliasIsRefused() throws Exception {
    write("params.yaml", "a: &a [1, *a]\n");
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo ${a}\n");
    refused("params.yaml: malformed YAML: an alias refers to a collection that contains it", "status");
  }

  @Test
  void deeplyNestedYamlIsRefused() throws Exception {
    String deep = "x: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n";
    write("params.yaml", deep);
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo ${x}\n");
    refused("params.yaml: malformed YAML: nested more than 1000 levels deep", "status");
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo\n    meta: " + "{a: ".repeat(50_000) + "1" + "}".repeat(50_000) + "\n");
    refused("dvc.yaml: malformed YAML: nested more than 1000 levels deep", "status");
  }

  @Test
  void matrixExplosionIsRefused() throws Exception {
    write("dvc.yaml", "vars:\n- l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\nstages:\n  s:\n    matrix:\n"
        + "      a: ${l}\n      b: ${l}\n      c: ${l}\n      d: ${l}\n      e: ${l}\n      f: ${l}\n"
        + "      g: ${l}\n      h: ${l}\n      i: ${l}\n    cmd: echo ${item.a}\n");
    refused("matrix: expands to more than 10000 stages", "status");
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      items.append(i == 0 ? "" : ", ").append(i);
    }
    write("dvc.yaml", "stages:\n  s:\n    foreach: [" + items + "]\n    do:\n      cmd: echo ${item}\n");
    refused("foreach: expands to more than 10000 stages", "status");
  }

  @Test
  void interpolationInVarsIsRefused() throws Exception {
    StringBuilder vars = new StringBuilder("vars:\n- v0: x\n");
    for (int i = 1; i < 200; i++) {
      vars.append("- v").append(i).append(": ${v").append(i - 1).append("}${v").append(i - 1).append("}\n");
    }
    write("dvc.yaml", vars + "stages:\n  s:\n    cmd: echo ${v199}\n");
    refused("interpolation is not allowed in 'vars'", "status");
  }

  @Test
  void deeplyNestedTemplateExpressionsAreRefused() throws Exception {
    write("params.yaml", "a: 1\n");
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo ${a" + "[0]".repeat(100_000) + "}\n");
    refused("dvc.yaml", "status");
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo " + "${".repeat(50_000) + "a" + "}".repeat(50_000) + "\n");
    refused("dvc.yaml", "status");
    write("dvc.yaml", "stages:\n  s:\n    cmd: echo ${" + "(".repeat(50_000) + "a" + ")".repeat(50_000) + "}\n");
    refused("dvc.yaml", "status");
  }

  // ---- oversized manifests ----

  @Test
  void hugeManifestStringIsRefused() throws Exception {
    String oid = cacheManifest("[{\"md5\": \"" + FOO + "\", \"relpath\": \"" + "a".repeat(30_000_000) + "\"}]");
    write("big.dvc", "outs:\n- md5: " + oid + "\n  hash: md5\n  path: big\n");
    refused("Refusing directory manifest", "checkout", "big.dvc");
  }

  @Test
  void manifestWithTooManyEntriesIsRefused() throws Exception {
    // the cap is 10 million entries; lowered here so that the manifest stays small
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      json.append(i == 0 ? "" : ", ").append("{\"md5\": \"").append(FOO).append("\", \"relpath\": \"f")
          .append(String.format("%04d", i)).append("\"}");
    }
    String oid = cacheManifest(json.append("]").toString());
    write("many.dvc", "outs:\n- md5: " + oid + "\n  hash: md5\n  path: many\n");
    System.setProperty("cairn.manifest.maxEntries", "1000");
    try {
      refused("Refusing directory manifest " + oid + ": more than 1000 entries", "checkout", "many.dvc");
    } finally {
      System.clearProperty("cairn.manifest.maxEntries");
    }
  }

  @Test
  void deeplyNestedManifestIsRefused() throws Exception {
    String oid = cacheManifest("[".repeat(100_000) + "]".repeat(100_000));
    write("deep.dvc", "outs:\n- md5: " + oid + "\n  hash: md5\n  path: deep\n");
    refused("Refusing directory manifest", "checkout", "deep.dvc");
  }
}
