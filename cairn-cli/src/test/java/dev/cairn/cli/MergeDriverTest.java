package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn install --merge-driver} and the driver itself, under a real {@code git merge} in a
 * temporary repository (issue 18, "Beyond DVC").
 */
class MergeDriverTest {
  @TempDir
  Path dir;

  private record Git(int code, String out) {}

  private Git git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
        "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Git(p.exitValue(), out);
  }

  private void ok(String... args) throws Exception {
    Git g = git(args);
    assertThat(g.code()).as(String.join(" ", args) + ": " + g.out()).isZero();
  }

  private static String lock(String train, String eval) {
    return "schema: '2.0'\nstages:\n"
        + "  train:\n    cmd: python train.py\n    outs:\n    - path: model.pt\n      hash: md5\n      md5: " + train
        + "\n      size: 5\n"
        + "  eval:\n    cmd: python eval.py\n    outs:\n    - path: scores.json\n      hash: md5\n      md5: " + eval
        + "\n      size: 7\n";
  }

  private static final String H0 = "0".repeat(32);
  private static final String H1 = "1".repeat(32);
  private static final String H2 = "2".repeat(32);

  @BeforeEach
  void repo() throws Exception {
    ok("init", "-q");
    assertThat(CliRun.in(dir, "init").code()).isZero();
    CliRun install = CliRun.in(dir, "install", "--merge-driver");
    assertThat(install.code()).as(install.err()).isZero();
    assertThat(install.out()).isEqualTo("Merge driver 'cairn' installed for dvc.lock, *.dvc, *.dir (.gitattributes, Git config).\n");
    assertThat(CliRun.read(dir, ".gitattributes")).isEqualTo("dvc.lock merge=cairn\n*.dvc merge=cairn\n*.dir merge=cairn\n");
    assertThat(git("config", "merge.cairn.driver").out())
        .isEqualTo("cairn git-hook merge-driver --ancestor %O --our %A --their %B --path %P\n");
    assertThat(CliRun.in(dir, "install", "--merge-driver").out()).isEqualTo("The merge driver is installed already.\n");
    // the same command, run from this test's class path instead of an installed cairn
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ok("config", "merge.cairn.driver", "'" + java + "' -cp '" + System.getProperty("java.class.path")
        + "' dev.cairn.cli.Main git-hook merge-driver --ancestor %O --our %A --their %B --path %P");
    CliRun.write(dir, "dvc.lock", lock(H0, H0));
    ok("add", "-A");
    ok("commit", "-q", "-m", "base");
  }

  @Test
  void differentStagesChangedOnEachSideMerge() throws Exception {
    ok("checkout", "-q", "-b", "a");
    CliRun.write(dir, "dvc.lock", lock(H1, H0));
    ok("commit", "-q", "-am", "train");
    ok("checkout", "-q", "-b", "b", "main");
    CliRun.write(dir, "dvc.lock", lock(H0, H2));
    ok("commit", "-q", "-am", "eval");
    Git merge = git("merge", "--no-edit", "a");
    assertThat(merge.code()).as(merge.out()).isZero();
    assertThat(CliRun.read(dir, "dvc.lock")).isEqualTo(lock(H1, H2));
    assertThat(git("status", "--porcelain").out()).isEmpty();
  }

  @Test
  void theSameStageChangedOnBothSidesIsAConflictNamingBothHashes() throws Exception {
    ok("checkout", "-q", "-b", "a");
    CliRun.write(dir, "dvc.lock", lock(H1, H0));
    ok("commit", "-q", "-am", "train 1");
    ok("checkout", "-q", "-b", "b", "main");
    CliRun.write(dir, "dvc.lock", lock(H2, H0));
    ok("commit", "-q", "-am", "train 2");
    Git merge = git("merge", "--no-edit", "a");
    assertThat(merge.code()).isEqualTo(1);
    assertThat(merge.out()).contains("cairn: dvc.lock: stage 'train' changed on both sides: model.pt " + H2
        + " (ours) vs model.pt " + H1 + " (theirs)").contains("CONFLICT");
    assertThat(CliRun.read(dir, "dvc.lock")).contains("<<<<<<< ours").contains(H1).contains(H2).contains(">>>>>>> theirs");
    assertThat(git("status", "--porcelain").out()).contains("UU dvc.lock");
  }

  @Test
  void aDirectoryChangedOnBothSidesMergesThroughItsManifests() throws Exception {
    CliRun.write(dir, "data/a.txt", "a\n");
    CliRun.write(dir, "data/b.txt", "b\n");
    assertThat(CliRun.in(dir, "add", "data").code()).isZero();
    ok("add", "-A");
    ok("commit", "-q", "-m", "data");
    ok("checkout", "-q", "-b", "a");
    CliRun.write(dir, "data/a.txt", "a changed\n");
    assertThat(CliRun.in(dir, "add", "data").code()).isZero();
    ok("commit", "-q", "-am", "change a");
    ok("checkout", "-q", "-b", "b", "main");
    CliRun.write(dir, "data/a.txt", "a\n");
    CliRun.write(dir, "data/c.txt", "c\n");
    assertThat(CliRun.in(dir, "add", "data").code()).isZero();
    ok("commit", "-q", "-am", "add c");
    Git merge = git("merge", "--no-edit", "a");
    assertThat(merge.code()).as(merge.out()).isZero();
    String merged = CliRun.read(dir, "data.dvc");
    // what cairn add writes for the merged directory, manifest and size included
    CliRun.write(dir, "data/a.txt", "a changed\n");
    assertThat(CliRun.in(dir, "add", "data").code()).isZero();
    assertThat(CliRun.read(dir, "data.dvc")).isEqualTo(merged);
    assertThat(merged).contains("nfiles: 3");
  }

  @Test
  void aMissingVersionIsBadInputInOneLine() throws Exception {
    CliRun r = CliRun.in(dir, "git-hook", "merge-driver", "--ancestor", "nope", "--our", "dvc.lock", "--their",
        "dvc.lock", "--path", "dvc.lock");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("cairn: " + dir.resolve("nope") + " does not exist (Git passes %O, %A and %B)\n");
  }

  @Test
  void withoutGitTheInstallSaysSoInOneLine() throws Exception {
    // a DVC repository outside any Git repository (this test's dir is one)
    Path outside = Files.createTempDirectory("cairn-nogit");
    try {
      assertThat(CliRun.in(outside, "init", "--no-scm").code()).isZero();
      CliRun r = CliRun.in(outside, "install", "--merge-driver");
      assertThat(r.code()).isEqualTo(3);
      assertThat(r.err().lines().count()).isEqualTo(1);
      assertThat(r.err()).contains("is not in a Git repository");
    } finally {
      try (var s = Files.walk(outside)) {
        s.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
