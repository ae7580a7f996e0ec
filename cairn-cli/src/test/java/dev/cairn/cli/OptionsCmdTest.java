package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.hash.Hashing;
import dev.cairn.odb.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options DVC has on existing commands: gc's selections and remotes, cache migrate, status --with-deps, params diff --deps. */
class OptionsCmdTest {
  @TempDir
  Path tmp;
  GitDvcRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = GitDvcRepo.create(tmp.resolve("repo"));
  }

  private static String md5(String s) {
    return Hashing.md5Hex(s.getBytes(StandardCharsets.UTF_8));
  }

  private Path object(String content) {
    String h = md5(content);
    return repo.root.resolve(".dvc/cache/files/md5/" + h.substring(0, 2) + "/" + h.substring(2));
  }

  private void ok(String... args) {
    CliRun r = repo.run(args);
    assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
  }

  private static List<String> files(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  /** foo at three versions: v1 in the first commit, v2 in HEAD, v3 in the workspace. */
  private String[] threeVersions() throws Exception {
    repo.write("foo", "v1");
    ok("add", "foo");
    String a = repo.commit("v1");
    repo.write("foo", "v2");
    ok("add", "foo");
    String b = repo.commit("v2");
    repo.write("foo", "v3");
    ok("add", "foo");
    return new String[] {a, b};
  }

  @Test
  void gcAsksAndKeepsWhatTheSelectionUses() throws Exception {
    String[] c = threeVersions();
    Path outside = tmp.resolve("outside.txt");
    Files.writeString(outside, "keep");

    CliRun no = repo.runWith("n\n", System.getenv(), "gc", "-w");
    assertThat(no.code()).isEqualTo(1);
    assertThat(no.err()).contains("WARNING: This will remove all cache except items used in the workspace of the"
        + " current repo.").contains("Are you sure you want to proceed? [y/n]");
    assertThat(object("v1")).exists();

    CliRun dry = repo.run("gc", "--rev", "HEAD", "--dry");
    assertThat(dry.code()).isZero();
    assertThat(dry.err()).contains("Would remove 1 objects from local cache.").doesNotContain("Are you sure");
    assertThat(object("v1")).exists();

    ok("gc", "--rev", "HEAD", "-n", "2", "-f");
    assertThat(object("v1")).exists();
    CliRun yes = repo.runWith("y\n", System.getenv(), "gc", "--rev", "HEAD");
    assertThat(yes.code()).as(yes.err()).isZero();
    assertThat(yes.err()).contains("and last 1 commits from HEAD").contains("Removed 1 objects from local cache.");
    assertThat(object("v1")).doesNotExist();
    assertThat(object("v2")).exists();
    assertThat(object("v3")).exists();

    // an experiment's commit keeps what it records
    repo.write("foo", "v1");
    ok("add", "foo");
    repo.write("foo", "v3");
    ok("add", "foo");
    try (Repository git = new FileRepositoryBuilder().findGitDir(repo.root.toFile()).build()) {
      RefUpdate ru = git.updateRef("refs/exps/" + c[1].substring(0, 2) + "/" + c[1].substring(2) + "/old");
      ru.setNewObjectId(ObjectId.fromString(c[0]));
      ru.forceUpdate();
    }
    ok("gc", "-w", "--all-experiments", "-f");
    assertThat(object("v1")).exists();
    assertThat(object("v2")).doesNotExist(); // HEAD's, not the experiment's: only -w and the experiments were kept
    ok("gc", "-w", "-f");
    assertThat(object("v1")).doesNotExist();
    assertThat(object("v2")).doesNotExist();
    assertThat(object("v3")).exists();
    assertThat(Files.readString(outside)).isEqualTo("keep");
  }

  @Test
  void gcRefusesAMissingSelectionBeforeAskingAndSaysWhyWhenDeclined() throws Exception {
    threeVersions();

    CliRun none = repo.runWith("y\n", System.getenv(), "gc");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).doesNotContain("Are you sure").doesNotContain("WARNING");
    assertThat(none.err().strip().lines()).hasSize(1);
    assertThat(none.err()).contains("Choose what to keep: -w (workspace)");
    assertThat(object("v1")).exists();

    CliRun eof = repo.runWith("", System.getenv(), "gc", "-w");
    assertThat(eof.code()).isEqualTo(1);
    List<String> lines = eof.err().strip().lines().toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("ERROR: nothing removed without a confirmation")
        .contains("-f (--force)");
    assertThat(object("v1")).exists();
  }

  @Test
  void gcCloudAndNotInRemote() throws Exception {
    threeVersions();
    Path store = tmp.resolve("store");
    ok("remote", "add", "-d", "store", store.toString());
    ok("push", "-A");
    Files.createDirectories(store.resolve("runs/x"));
    Files.writeString(store.resolve("runs/x/keep"), "run-cache");
    assertThat(files(store.resolve("files/md5"))).hasSize(3);

    CliRun c = repo.run("gc", "-w", "-c", "-f");
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.err()).contains("Removed 2 objects from local cache.").contains("Removed 2 objects from remote.");
    String v3 = md5("v3");
    assertThat(files(store.resolve("files/md5"))).containsExactly(v3.substring(0, 2) + "/" + v3.substring(2));
    assertThat(store.resolve("runs/x/keep")).exists();

    ok("gc", "-w", "--not-in-remote", "-f");
    assertThat(object("v3")).doesNotExist(); // on the remote: it can be pulled again
    repo.write("foo", "v4");
    ok("add", "foo");
    ok("gc", "-w", "--not-in-remote", "-f");
    assertThat(object("v4")).exists(); // not on the remote: kept

    for (String[] bad : new String[][] {{"gc", "-f"}, {"gc", "-w", "-r", "store", "-f"},
        {"gc", "-w", "-c", "--not-in-remote", "-f"}, {"gc", "-w", "-n", "2", "-f"}, {"gc", "-w", "--date", "x", "-f"}}) {
      CliRun r = repo.run(bad);
      assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(r.err().strip().lines()).hasSize(1);
    }
  }

  @Test
  void cacheMigrateMovesLegacyObjectsAndRewritesDvcFiles() throws Exception {
    // a DVC 2 repository: foo and data/ recorded without 'hash: md5', objects at the cache root
    repo.write("foo", "foo");
    repo.write("data/a", "aaa");
    repo.write("data/b", "bbb");
    Manifest m = new Manifest(List.of(new Manifest.Entry("a", md5("aaa")), new Manifest.Entry("b", md5("bbb"))));
    byte[] manifest = m.toBytes();
    String dir = Hashing.md5Hex(manifest);
    Path cache = repo.root.resolve(".dvc/cache");
    for (String[] o : new String[][] {{md5("foo"), "foo"}, {md5("aaa"), "aaa"}, {md5("bbb"), "bbb"}}) {
      Path p = cache.resolve(o[0].substring(0, 2) + "/" + o[0].substring(2));
      Files.createDirectories(p.getParent());
      Files.writeString(p, o[1]);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
    }
    Path dirObj = cache.resolve(dir.substring(0, 2) + "/" + dir.substring(2) + ".dir");
    Files.createDirectories(dirObj.getParent());
    Files.write(dirObj, manifest);
    repo.write("foo.dvc", "outs:\n- md5: " + md5("foo") + "\n  size: 3\n  path: foo\n");
    repo.write("data.dvc", "outs:\n- md5: " + dir + ".dir\n  size: 6\n  nfiles: 2\n  path: data\n");
    assertThat(repo.run("status").out()).isEqualTo("Data and pipelines are up to date.\n");

    CliRun dry = repo.run("cache", "migrate", "--dry");
    assertThat(dry.out()).isEqualTo("4 files will be re-hashed and migrated to the DVC 3.0 cache location.\n");
    assertThat(files(cache.resolve("files"))).isEmpty();
    CliRun r = repo.run("cache", "migrate");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("Migrated 4 files to DVC 3.0 cache location.\n");
    assertThat(object("foo")).hasContent("foo");
    assertThat(repo.root.resolve(".dvc/cache/files/md5/" + dir.substring(0, 2) + "/" + dir.substring(2) + ".dir"))
        .hasBinaryContent(manifest);
    assertThat(cache.resolve(md5("foo").substring(0, 2) + "/" + md5("foo").substring(2))).exists();

    CliRun files = repo.run("cache", "migrate", "--dvc-files");
    assertThat(files.code()).as(files.err()).isZero();
    assertThat(files.out()).isEqualTo("Migrated 4 files to DVC 3.0 cache location.\nUpdating DVC file 'data.dvc'\n"
        + "Updating DVC file 'foo.dvc'\n");
    assertThat(repo.read("foo.dvc")).isEqualTo("outs:\n- md5: " + md5("foo") + "\n  size: 3\n  path: foo\n  hash: md5\n");
    assertThat(repo.read("data.dvc")).isEqualTo("outs:\n- md5: " + dir + ".dir\n  size: 6\n  nfiles: 2\n  path: data\n"
        + "  hash: md5\n");
    assertThat(repo.run("status").out()).isEqualTo("Data and pipelines are up to date.\n");
    assertThat(repo.run("cache", "migrate", "--dvc-files", "--dry").out())
        .endsWith("No DVC files in the repo to migrate to the 3.0 format.\n");
  }

  @Test
  void statusWithDepsReportsUpstreamStagesAndDvcFiles() throws Exception {
    repo.write("raw", "raw v1\n");
    ok("add", "raw");
    repo.write("dvc.yaml", "stages:\n  prep:\n    cmd: cp raw mid\n    deps:\n    - raw\n    outs:\n    - mid\n"
        + "  train:\n    cmd: cp mid model\n    deps:\n    - mid\n    outs:\n    - model\n");
    ok("repro");
    repo.write("raw", "raw v2\n");
    assertThat(repo.run("status", "train").out()).isEqualTo("Data and pipelines are up to date.\n");
    CliRun deps = repo.run("status", "--with-deps", "train", "--json");
    assertThat(deps.code()).as(deps.err()).isZero();
    assertThat(deps.out()).contains("\"raw.dvc\": [{\"changed outs\": {\"raw\": \"modified\"}}]")
        .contains("\"prep\": [{\"changed deps\": {\"raw\": \"modified\"}}]").doesNotContain("\"train\"");
  }

  @Test
  void paramsDiffDepsShowsOnlyStageParams() throws Exception {
    repo.write("params.yaml", "train:\n  lr: 0.1\n  epochs: 10\nother: 1\n");
    repo.write("dvc.yaml", "stages:\n  train:\n    cmd: echo\n    params:\n    - train.lr\n");
    repo.commit("params");
    repo.write("params.yaml", "train:\n  lr: 0.2\n  epochs: 10\nother: 2\n");
    assertThat(repo.run("params", "diff").out()).contains("train.lr").contains("other");
    CliRun d = repo.run("params", "diff", "--deps");
    assertThat(d.code()).as(d.err()).isZero();
    assertThat(d.out()).isEqualTo("Path         Param     HEAD    workspace\nparams.yaml  train.lr  0.1     0.2\n");
  }
}
