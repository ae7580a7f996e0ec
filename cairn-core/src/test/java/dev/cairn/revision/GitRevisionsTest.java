package dev.cairn.revision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.api.Cairn;
import dev.cairn.api.SyncResult;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.ObjectDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs recorded in Git revisions are read with the pipeline parsers: a stage's wdir, a pipeline
 * in a subdirectory, templated output paths and cache: false count as in the workspace.
 */
class GitRevisionsTest {
  static final String MODEL = Hashing.md5Hex("model".getBytes(StandardCharsets.UTF_8));
  static final String SCRATCH = Hashing.md5Hex("scr".getBytes(StandardCharsets.UTF_8));
  static final String A = Hashing.md5Hex("a".getBytes(StandardCharsets.UTF_8));
  static final String X = Hashing.md5Hex("x".getBytes(StandardCharsets.UTF_8));
  static final String B = Hashing.md5Hex("b".getBytes(StandardCharsets.UTF_8));

  @TempDir
  Path tmp;
  Path root;
  Path store;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    root = tmp.resolve("repo");
    store = tmp.resolve("store");
    Files.createDirectories(root);
    env = new HashMap<>();
    env.put("HOME", tmp.resolve("home").toString());
    env.put("DVC_SYSTEM_CONFIG_DIR", tmp.resolve("sys").toString());
    env.put("CAIRN_FSYNC", "0");
    Cairn.init(root).setNoScm(true).call();
    Files.writeString(root.resolve(".dvc/config"),
        "[core]\n    no_scm = True\n    remote = store\n['remote \"store\"']\n    url = ../../store\n");
  }

  void write(String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  static String lock(String stage, String... pathAndMd5) {
    StringBuilder sb = new StringBuilder("schema: '2.0'\nstages:\n  " + stage + ":\n    cmd: echo\n    outs:\n");
    for (int i = 0; i < pathAndMd5.length; i += 2) {
      sb.append("    - path: ").append(pathAndMd5[i]).append("\n      hash: md5\n      md5: ").append(pathAndMd5[i + 1])
          .append("\n      size: 1\n");
    }
    return sb.toString();
  }

  /** Commits a repository whose outputs sit below a wdir, in a subdirectory pipeline and so on. */
  void commitPipelines() throws Exception {
    // a pipeline in a subdirectory, a stage with a wdir, a templated output and an uncached one
    write("sub/params.yaml", "dir: models\n");
    write("sub/dvc.yaml", "stages:\n  train:\n    cmd: echo\n    wdir: work\n    outs:\n    - ${dir}/model.bin\n"
        + "    - scratch.txt:\n        cache: false\n");
    write("sub/dvc.lock", lock("train", "models/model.bin", MODEL, "scratch.txt", SCRATCH));
    // the root pipeline, a stage with a wdir
    write("dvc.yaml", "stages:\n  prep:\n    cmd: echo\n    wdir: out\n    outs:\n    - a.txt\n");
    write("dvc.lock", lock("prep", "a.txt", A));
    // a .dvc file with a wdir
    write("d.dvc", "wdir: data\nouts:\n- md5: " + X + "\n  size: 1\n  hash: md5\n  path: x\n");
    // a dvc.yaml the parser refuses: its lock is still read, relative to its directory
    write("broken/dvc.yaml", "stages:\n  s:\n    cmd: echo\n    bogus: 1\n    outs:\n    - b.txt\n");
    write("broken/dvc.lock", lock("s", "b.txt", B));
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("pipelines").setSign(false).setAuthor("t", "t@e").setCommitter("t", "t@e").call();
    }
  }

  @Test
  void outputPathsOfRevisionsIncludeWdirAndSubdirectory() throws Exception {
    commitPipelines();
    List<GitRevisions.RevOutput> outs = GitRevisions.outputs(root, true, false, false);
    Map<String, Object> byPath = new HashMap<>();
    outs.forEach(o -> byPath.put(o.outputPath(), o.entry().get("md5")));
    assertThat(byPath).containsOnly(
        Map.entry("sub/work/models/model.bin", MODEL),
        Map.entry("out/a.txt", A),
        Map.entry("data/x", X),
        Map.entry("broken/b.txt", B));
    assertThat(outs).filteredOn(o -> o.outputPath().equals("sub/work/models/model.bin")).singleElement()
        .satisfies(o -> assertThat(o.file()).isEqualTo("sub/dvc.lock"));
  }

  @Test
  void pushOfAllBranchesSendsEveryVersionOfATargetBelowAWdir() throws Exception {
    commitPipelines();
    // the workspace has moved on: a newer model; the committed one is only in the Git revision
    String model2 = Hashing.md5Hex("model2".getBytes(StandardCharsets.UTF_8));
    write("sub/dvc.lock", lock("train", "models/model.bin", model2, "scratch.txt", SCRATCH));
    Files.delete(root.resolve("broken/dvc.yaml")); // fixed in the workspace, still broken in the commit
    ObjectDb odb = new ObjectDb(root.resolve(".dvc/cache"), false);
    odb.insertBytes(HashInfo.md5(MODEL), "model".getBytes(StandardCharsets.UTF_8));
    odb.insertBytes(HashInfo.md5(model2), "model2".getBytes(StandardCharsets.UTF_8));
    try (Cairn c = Cairn.open(root, env)) {
      SyncResult r = c.push().setAllBranches(true).addTarget(Path.of("sub/work/models/model.bin")).call();
      assertThat(r.objects().transferred()).isEqualTo(2);
    }
    for (String h : List.of(MODEL, model2)) {
      assertThat(store.resolve("files/md5/" + h.substring(0, 2) + "/" + h.substring(2))).exists();
    }
  }

  @Test
  void aDvcRepositoryBelowTheGitRootReadsItsRevisionsToo() throws Exception {
    Path top = tmp.resolve("top");
    root = top.resolve("proj");
    Files.createDirectories(root);
    Cairn.init(root).setNoScm(true).call();
    write("sub/params.yaml", "dir: models\n"); // templating reads the params.yaml beside dvc.yaml
    write("sub/dvc.yaml", "stages:\n  train:\n    cmd: echo\n    wdir: ..\n    outs:\n    - ${dir}/m.bin\n");
    write("sub/dvc.lock", lock("train", "models/m.bin", MODEL));
    try (Git git = Git.init().setDirectory(top.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("p").setSign(false).setAuthor("t", "t@e").setCommitter("t", "t@e").call();
    }
    assertThat(GitRevisions.outputs(root, false, false, true)).singleElement().satisfies(o -> {
      assertThat(o.outputPath()).isEqualTo("models/m.bin");
      assertThat(o.file()).isEqualTo("sub/dvc.lock");
      assertThat(o.entry().get("md5")).isEqualTo(MODEL);
    });
  }
}
