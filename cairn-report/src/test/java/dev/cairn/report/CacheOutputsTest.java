package dev.cairn.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.ObjectDb;
import dev.cairn.revision.CachedOutputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics that only DVC tracks (not Git) are read from the cache for the base revision. */
class CacheOutputsTest {
  @TempDir
  Path tmp;

  @Test
  void baseMetricsFromTheCache() throws Exception {
    Path root = tmp.resolve("repo");
    ObjectDb odb = new ObjectDb(root.resolve(".dvc/cache"), false);
    byte[] old = "{\"accuracy\": 0.6}".getBytes(StandardCharsets.UTF_8);
    String md5 = Hashing.md5Hex(old);
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      DemoRepo.write(root, ".gitignore", "/metrics.json\n/.dvc/cache\n");
      DemoRepo.write(root, "dvc.yaml", "stages:\n  eval:\n    cmd: x\n    metrics:\n    - metrics.json\n");
      DemoRepo.write(root, "dvc.lock", "schema: '2.0'\nstages:\n  eval:\n    cmd: x\n    outs:\n"
          + "    - path: metrics.json\n      hash: md5\n      md5: " + md5 + "\n      size: " + old.length + "\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("main").setSign(false).call();
    }
    odb.insertBytes(HashInfo.md5(md5), old);
    DemoRepo.write(root, "metrics.json", "{\"accuracy\": 0.7}");

    Report without = new ReportBuilder(root, CairnYaml.empty(), "main").build();
    assertThat(without.metrics().diff().get("metrics.json").get("accuracy").oldValue()).isNull();

    Report with = new ReportBuilder(root, CairnYaml.empty(), "main").setCachedOutputs(CachedOutputs.fromCache(odb)).build();
    assertThat(with.metrics().diff().get("metrics.json").get("accuracy").oldValue()).isEqualTo(0.6);
    assertThat(with.metrics().diff().get("metrics.json").get("accuracy").newValue()).isEqualTo(0.7);
  }

  @Test
  void lockPathsGoThroughTheStageWdirOfTheRevisionsDvcYaml() throws Exception {
    Path root = tmp.resolve("repo");
    ObjectDb odb = new ObjectDb(root.resolve(".dvc/cache"), false);
    byte[] old = "{\"accuracy\": 0.6}".getBytes(StandardCharsets.UTF_8);
    String md5 = Hashing.md5Hex(old);
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      DemoRepo.write(root, ".gitignore", "/.dvc/cache\n");
      DemoRepo.write(root, "sub/.gitignore", "/out/\n");
      DemoRepo.write(root, "sub/params.yaml", "dir: out\n");
      DemoRepo.write(root, "sub/dvc.yaml",
          "stages:\n  eval:\n    wdir: ${dir}\n    cmd: x\n    metrics:\n    - metrics.json\n");
      DemoRepo.write(root, "sub/dvc.lock", "schema: '2.0'\nstages:\n  eval:\n    cmd: x\n    outs:\n"
          + "    - path: metrics.json\n      hash: md5\n      md5: " + md5 + "\n      size: " + old.length + "\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("main").setSign(false).call();
    }
    odb.insertBytes(HashInfo.md5(md5), old);
    DemoRepo.write(root, "sub/out/metrics.json", "{\"accuracy\": 0.7}");

    Report with = new ReportBuilder(root, CairnYaml.empty(), "main").setCachedOutputs(CachedOutputs.fromCache(odb)).build();
    assertThat(with.metrics().diff().get("sub/out/metrics.json").get("accuracy").oldValue()).isEqualTo(0.6);
  }
}
