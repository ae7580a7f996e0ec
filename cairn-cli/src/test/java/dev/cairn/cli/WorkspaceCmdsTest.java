package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace commands DVC has: {@code root}, {@code version}/{@code doctor}, {@code check-ignore},
 * {@code freeze}/{@code unfreeze}, {@code unprotect}, {@code move}, {@code destroy}, {@code du} — happy
 * paths, the bytes of the files they write against DVC's, bad input as one line with its exit code.
 */
class WorkspaceCmdsTest {
  static final String FOO_MD5 = "acbd18db4cc2f85cedef654fccc4a4d8";
  static final String FOO_DVC = "outs:\n- md5: " + FOO_MD5 + "\n  size: 3\n  hash: md5\n  path: foo\n";

  @TempDir
  Path tmp;
  GitDvcRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = GitDvcRepo.create(tmp.resolve("repo"));
  }

  private static void oneLine(CliRun r, int code, String... contains) {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).doesNotContain("\tat ").contains(contains);
  }

  @Test
  void rootPrintsThePathToTheRoot() throws Exception {
    assertThat(repo.run("root").out()).isEqualTo(".\n");
    Files.createDirectories(repo.root.resolve("a/b"));
    assertThat(CliRun.in(repo.root.resolve("a/b"), "root").out()).isEqualTo("../..\n");
    Files.createDirectories(tmp.resolve("elsewhere"));
    oneLine(CliRun.in(tmp.resolve("elsewhere"), "root"), 3, "Not a DVC/Cairn repository", "cairn init");
  }

  @Test
  void versionAndDoctorDescribeTheEnvironment() throws Exception {
    repo.write(".dvc/config", "[core]\n    remote = s\n['remote \"s\"']\n    url = s3://bucket/x\n"
        + "['remote \"l\"']\n    url = /tmp/store\n");
    repo.write("foo", "foo");
    assertThat(repo.run("add", "foo").code()).isZero();
    CliRun v = repo.run("version");
    assertThat(v.code()).isZero();
    String[] lines = v.out().split("\n");
    assertThat(lines[0]).startsWith("Cairn version: ");
    assertThat(lines[1]).isEqualTo("-".repeat(lines[0].length()));
    assertThat(v.out()).contains("Platform: Java " + System.getProperty("java.version"))
        .containsPattern("MD5: (OpenSSL \\(libcrypto\\)|JDK)\n")
        .contains("Supports:\n\t").contains("s3").contains("Config:\n\tGlobal: ")
        .containsPattern("Cache types: hardlink, symlink\n")
        .containsPattern("Cache directory: \\S+ on .+\n")
        .contains("Caches: local\n").contains("Remotes: s3, local\n")
        .containsPattern("Workspace directory: \\S+ on .+\n").contains("Repo: dvc, git\n");
    assertThat(repo.run("doctor").out()).isEqualTo(v.out());
    // the link test leaves nothing behind
    try (var s = Files.list(repo.root)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".cairn-doctor"));
    }
    CliRun j = repo.run("version", "--json");
    assertThat(j.out()).startsWith("{\"version\": ").contains("\"remotes\": [\"s3\", \"local\"]")
        .contains("\"scm\": \"dvc, git\"");
    Files.createDirectories(tmp.resolve("elsewhere"));
    CliRun outside = CliRun.in(tmp.resolve("elsewhere"), "version");
    assertThat(outside.code()).isZero();
    assertThat(outside.out()).contains("Config:").doesNotContain("Repo:").doesNotContain("Cache types");
  }

  @Test
  void checkIgnoreAsDvc() throws Exception {
    repo.write(".dvcignore", "f*\n!foo\n");
    repo.write("dir/.dvcignore", "foobar\n");
    CliRun d = repo.run("check-ignore", "-d", "file");
    assertThat(d.code()).isZero();
    assertThat(d.out()).isEqualTo(".dvcignore:1:f*\tfile\n");
    assertThat(repo.run("check-ignore", "-d", "foo").out()).isEqualTo(".dvcignore:2:!foo\tfoo\n");
    assertThat(repo.run("check-ignore", "-d", "dir/foobar").out()).isEqualTo("dir/.dvcignore:1:foobar\tdir/foobar\n");
    Files.createDirectories(repo.root.resolve("dir"));
    assertThat(CliRun.in(repo.root.resolve("dir"), "check-ignore", "-d", "foobar").out())
        .isEqualTo(".dvcignore:1:foobar\tfoobar\n");
    // plain mode prints ignored paths only; the exit code says whether any matched
    CliRun plain = repo.run("check-ignore", "file", "foo", "other");
    assertThat(plain.code()).isZero();
    assertThat(plain.out()).isEqualTo("file\n");
    assertThat(repo.run("check-ignore", "other").code()).isEqualTo(1);
    CliRun nm = repo.run("check-ignore", "-d", "-n", "other");
    assertThat(nm.code()).isEqualTo(1);
    assertThat(nm.out()).isEqualTo("::\tother\n");
    assertThat(repo.run("check-ignore", "-d", ".dvc").out()).isEqualTo(":.dvc/\t.dvc\n");
    assertThat(repo.run("check-ignore", "-q", "../x").code()).isEqualTo(1);
    // a sub-repository
    Files.createDirectories(repo.root.resolve("sub/.dvc"));
    assertThat(repo.run("check-ignore", "-d", "sub/x").out()).isEqualTo("in sub_repo:sub\tsub/x\n");
    // --stdin answers line by line until an empty line
    CliRun in = repo.runWith("file\nother\nfoo\n\nfile\n", System.getenv(), "check-ignore", "--stdin", "-d");
    assertThat(in.code()).isZero();
    assertThat(in.out()).isEqualTo(".dvcignore:1:f*\tfile\n.dvcignore:2:!foo\tfoo\n");
    // bad usage: one line, exit 2
    oneLine(repo.run("check-ignore"), 2, "targets or --stdin");
    oneLine(repo.run("check-ignore", "-n", "file"), 2, "--non-matching is only valid with --details");
    oneLine(repo.run("check-ignore", "-a", "file"), 2, "--all is only valid with --details");
    oneLine(repo.run("-q", "check-ignore", "-d", "file"), 2, "--details and --quiet");
    oneLine(repo.runWith("", System.getenv(), "check-ignore", "--stdin", "file"), 2, "both targets and --stdin");
  }

  @Test
  void freezeAndUnfreezeWriteDvcsKey() throws Exception {
    repo.write("foo", "foo");
    assertThat(repo.run("add", "foo").code()).isZero();
    assertThat(repo.read("foo.dvc")).isEqualTo(FOO_DVC);
    assertThat(repo.run("freeze", "foo.dvc").code()).isZero();
    assertThat(repo.read("foo.dvc")).isEqualTo(FOO_DVC + "frozen: true\n");
    assertThat(repo.run("unfreeze", "foo.dvc").code()).isZero();
    assertThat(repo.read("foo.dvc")).isEqualTo(FOO_DVC);

    String yaml = "stages:\n  train:\n    cmd: python train.py\n    deps:\n    - foo\n    outs:\n    - model\n"
        + "    always_changed: true\n  # the evaluation\n  evaluate:\n    cmd: python eval.py\n";
    repo.write("dvc.yaml", yaml);
    assertThat(repo.run("freeze", "train").code()).isZero();
    assertThat(repo.read("dvc.yaml")).isEqualTo("stages:\n  train:\n    cmd: python train.py\n    deps:\n    - foo\n"
        + "    outs:\n    - model\n    frozen: true\n    always_changed: true\n  # the evaluation\n  evaluate:\n"
        + "    cmd: python eval.py\n");
    CliRun st = repo.run("stage", "list");
    assertThat(st.code()).as(st.err()).isZero();
    assertThat(repo.run("unfreeze", "dvc.yaml:train").code()).isZero();
    assertThat(repo.read("dvc.yaml")).isEqualTo(yaml);

    CliRun bad = repo.run("freeze", "nope");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("failed to freeze 'nope'").contains("does not exist");
  }

  @Test
  void unprotectMakesLinkedOutputsWritableCopies() throws Exception {
    repo.write(".dvc/config", "[cache]\n    type = hardlink\n");
    repo.write("data/a", "aaa");
    repo.write("data/b", "bbb");
    assertThat(repo.run("add", "data").code()).isZero();
    Path a = repo.root.resolve("data/a");
    assertThat((int) Files.getAttribute(a, "unix:nlink")).isEqualTo(2);
    assertThat(Files.getPosixFilePermissions(a)).doesNotContain(PosixFilePermission.OWNER_WRITE);
    CliRun r = repo.run("unprotect", "data");
    assertThat(r.code()).as(r.err()).isZero();
    for (String f : new String[] {"data/a", "data/b"}) {
      Path p = repo.root.resolve(f);
      assertThat((int) Files.getAttribute(p, "unix:nlink")).isEqualTo(1);
      assertThat(Files.getPosixFilePermissions(p)).contains(PosixFilePermission.OWNER_WRITE);
    }
    assertThat(repo.read("data/a")).isEqualTo("aaa");
    // the cache object is untouched and still read-only
    assertThat(repo.run("status").out()).isEqualTo("Data and pipelines are up to date.\n");
    oneLine(repo.run("unprotect", "missing"), 2, "'missing' is not a tracked output");
  }

  @Test
  void moveRenamesTheOutputAndItsDvcFile() throws Exception {
    repo.write("foo", "foo");
    assertThat(repo.run("add", "foo").code()).isZero();
    repo.write("foo.dvc", FOO_DVC + "meta:\n  custom_key: 42\n");
    CliRun mv = repo.run("move", "foo", "bar");
    assertThat(mv.code()).as(mv.err()).isZero();
    assertThat(repo.exists("foo")).isFalse();
    assertThat(repo.exists("foo.dvc")).isFalse();
    assertThat(repo.read("bar")).isEqualTo("foo");
    // test_move_meta: the new file in DVC's order, the meta kept
    assertThat(repo.read("bar.dvc")).isEqualTo("outs:\n- md5: " + FOO_MD5 + "\n  size: 3\n  hash: md5\n  path: bar\n"
        + "meta:\n  custom_key: 42\n");
    assertThat(repo.read(".gitignore").lines()).containsExactly("/bar");
    assertThat(repo.run("status").out()).isEqualTo("Data and pipelines are up to date.\n");

    // into an existing directory, under its own name; the directory gets the .gitignore line
    Files.createDirectories(repo.root.resolve("data"));
    assertThat(repo.run("mv", "bar", "data").code()).isZero();
    assertThat(repo.read("data/bar.dvc")).contains("  path: bar\n");
    assertThat(repo.read("data/.gitignore")).isEqualTo("/bar\n");
    assertThat(repo.exists(".gitignore")).isFalse();

    // a .dvc file not named after its output keeps its name; only the path changes
    repo.write("x", "x");
    assertThat(repo.run("add", "x").code()).isZero();
    Files.move(repo.root.resolve("x.dvc"), repo.root.resolve("stage.dvc"));
    assertThat(repo.run("move", "x", "y").code()).isZero();
    assertThat(repo.read("stage.dvc")).contains("  path: y\n");

    // refused: not tracked, an output of a stage, an existing destination, an overlap
    oneLine(repo.run("move", "nope", "dst"), 2, "Unable to find DVC file with output 'nope'");
    repo.write("dvc.yaml", "stages:\n  s:\n    cmd: echo\n    outs:\n    - out\n");
    repo.write("dvc.lock", "schema: '2.0'\nstages:\n  s:\n    cmd: echo\n    outs:\n    - path: out\n      hash: md5\n"
        + "      md5: " + FOO_MD5 + "\n      size: 3\n");
    repo.write("out", "foo");
    oneLine(repo.run("move", "out", "dst"), 2, "not permitted for stages that are not data sources");
    repo.write("z", "z");
    oneLine(repo.run("move", "y", "z"), 2, "'z' already exists");
    assertThat(repo.read("y")).isEqualTo("x");
  }

  @Test
  void destroyAsksThenRemovesWhatDvcAddedAndKeepsTheData() throws Exception {
    repo.write(".dvc/config", "[cache]\n    type = symlink\n");
    repo.write("data/a", "aaa");
    repo.write("foo", "foo");
    assertThat(repo.run("add", "data", "foo").code()).isZero();
    repo.write("dvc.yaml", "stages:\n  s:\n    cmd: echo\n");
    Path outside = tmp.resolve("outside.txt");
    Files.writeString(outside, "keep");
    assertThat(Files.isSymbolicLink(repo.root.resolve("foo"))).isTrue();

    CliRun no = repo.runWith("n\n", System.getenv(), "destroy");
    assertThat(no.code()).isEqualTo(1);
    assertThat(no.err()).contains("Are you sure you want to continue? [y/n]")
        .contains("cannot destroy without a confirmation from the user. Use `-f` to force.");
    assertThat(repo.exists(".dvc/config")).isTrue();
    assertThat(repo.exists("foo.dvc")).isTrue();

    CliRun yes = repo.runWith("y\n", System.getenv(), "destroy");
    assertThat(yes.code()).as(yes.err()).isZero();
    assertThat(repo.exists(".dvc")).isFalse();
    assertThat(repo.exists(".dvcignore")).isFalse();
    assertThat(repo.exists("foo.dvc")).isFalse();
    assertThat(repo.exists("data.dvc")).isFalse();
    assertThat(repo.exists("dvc.yaml")).isFalse();
    // the data stays, as real files (no link into the deleted cache)
    assertThat(Files.isSymbolicLink(repo.root.resolve("foo"))).isFalse();
    assertThat(repo.read("foo")).isEqualTo("foo");
    assertThat(repo.read("data/a")).isEqualTo("aaa");
    assertThat(Files.readString(outside)).isEqualTo("keep");
    oneLine(repo.run("status"), 3, "Not a DVC/Cairn repository");
  }

  @Test
  void destroyKeepsACacheOutsideTheRepository() throws Exception {
    Path cache = tmp.resolve("shared-cache");
    repo.write(".dvc/config", "[cache]\n    dir = " + cache + "\n");
    repo.write("foo", "foo");
    assertThat(repo.run("add", "foo").code()).isZero();
    Path obj = cache.resolve("files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8");
    assertThat(obj).exists();
    CliRun r = repo.run("destroy", "-f");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("was kept");
    assertThat(obj).exists();
    assertThat(repo.exists(".dvc")).isFalse();
    assertThat(repo.read("foo")).isEqualTo("foo");
  }

  @Test
  void duAsDvcsTest() throws Exception {
    repo.write("file", "file");
    repo.write("dvcfile", "dvcfile");
    repo.write("dir/dirfile", "dirfile");
    repo.write("dir/subdir/subdirfile", "subdirfile");
    repo.write("dir/dvcsubdir/dvcsubdirfile", "dvcsubdirfile");
    assertThat(repo.run("add", "dvcfile", "dir/dvcsubdir").code()).isZero();
    // no Git-ignore files to count: the test mirrors DVC's, where the repository has no Git
    Files.delete(repo.root.resolve(".gitignore"));
    Files.delete(repo.root.resolve("dir/.gitignore"));
    assertThat(repo.run("du", ".", "file").out()).isEqualTo("4  file\n");
    assertThat(repo.run("du", ".", "dvcfile").out()).isEqualTo("7  dvcfile\n");
    assertThat(repo.run("du", ".", "dir/subdir").out()).isEqualTo("10  dir/subdir/subdirfile\n10  dir/subdir\n");
    assertThat(repo.run("du", ".", "dir/subdir", "-s").out()).isEqualTo("10  dir/subdir\n");
    assertThat(repo.run("du", ".", "dir").out())
        .isEqualTo("7   dir/dirfile\n13  dir/dvcsubdir\n10  dir/subdir\n30  dir\n");
    assertThat(repo.run("du", ".", "/").out()).isEqualTo("30  /dir\n7   /dvcfile\n4   /file\n41  /\n");
    assertThat(repo.run("du", ".", "/", "--summarize").out()).isEqualTo("41  /\n");
    // outputs whose data is not here count with their recorded size
    Files.delete(repo.root.resolve("dvcfile"));
    assertThat(repo.run("du", ".", "dvcfile").out()).isEqualTo("7  dvcfile\n");
    assertThat(repo.run("du", ".", "-s", "--json").out()).isEqualTo("[{\"path\": \"\", \"size\": 41}]\n");
    oneLine(repo.run("du", ".", "nope"), 2, "'nope' does not exist");
    oneLine(repo.run("du", "nowhere"), 2, "'nowhere' is not a directory");
  }

  @Test
  void naturalSizeAsTqdm() {
    assertThat(DuCmd.naturalSize(41)).isEqualTo("41");
    assertThat(DuCmd.naturalSize(1023)).isEqualTo("1023");
    assertThat(DuCmd.naturalSize(2048)).isEqualTo("2.00k");
    assertThat(DuCmd.naturalSize(1536000)).isEqualTo("1.46M");
    assertThat(DuCmd.naturalSize(150L * 1024)).isEqualTo("150k");
    assertThat(DuCmd.naturalSize(15L * 1024)).isEqualTo("15.0k");
  }
}
