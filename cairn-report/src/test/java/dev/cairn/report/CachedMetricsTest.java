package dev.cairn.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.api.Cairn;
import dev.cairn.hash.HashInfo;
import dev.cairn.metrics.DiffResult;
import dev.cairn.metrics.MetricsQueries;
import dev.cairn.revision.CachedOutputs;
import dev.cairn.revision.DvcYamlScan;
import dev.cairn.revision.Revisions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A metrics file that is a cached pipeline output (Git-ignored) is read from the cache by revision. */
class CachedMetricsTest {
  @TempDir
  Path root;

  @Test
  void metricsDiffReadsACachedOutputOfAnOldRevisionFromTheCache() throws Exception {
    Map<String, String> env = Map.of("HOME", root.resolve("home").toString());
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      Cairn.init(root).call();
      String oldMetrics = "{\"acc\": 0.8}";
      String md5 = dev.cairn.hash.Hashing.md5Hex(oldMetrics.getBytes(StandardCharsets.UTF_8));
      try (Cairn c = Cairn.open(root, env)) {
        c.repo().odb().insertStream(HashInfo.md5(md5), new ByteArrayInputStream(oldMetrics.getBytes(StandardCharsets.UTF_8)));
      }
      Files.writeString(root.resolve("dvc.yaml"), "stages:\n  eval:\n    cmd: echo\n    metrics:\n    - metrics.json\n");
      Files.writeString(root.resolve("dvc.lock"), "schema: '2.0'\nstages:\n  eval:\n    cmd: echo\n    outs:\n"
          + "    - path: metrics.json\n      hash: md5\n      md5: " + md5 + "\n      size: " + oldMetrics.length() + "\n");
      Files.writeString(root.resolve(".gitignore"), "/metrics.json\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("base").setAuthor("t", "t@t").setCommitter("t", "t@t").setSign(false).call();
      Files.writeString(root.resolve("metrics.json"), "{\"acc\": 0.9}");
      try (Cairn c = Cairn.open(root, env); Revisions revs = Revisions.open(root, CachedOutputs.fromCache(c.repo().odb()))) {
        DiffResult d = new MetricsQueries(revs, new DvcYamlScan()).metricsDiff("HEAD", Revisions.WORKSPACE, List.of(), false);
        assertThat(d.erroredRevisions()).isEmpty();
        assertThat(d.diff().get("metrics.json").get("acc").oldValue()).isEqualTo(0.8);
        assertThat(d.diff().get("metrics.json").get("acc").newValue()).isEqualTo(0.9);
      }
      // the object gone from the cache: reported per file, not a crash
      try (Cairn c = Cairn.open(root, env)) {
        Path obj = c.repo().odb().path(HashInfo.md5(md5));
        obj.toFile().setWritable(true);
        Files.delete(obj);
      }
      try (Cairn c = Cairn.open(root, env); Revisions revs = Revisions.open(root, CachedOutputs.fromCache(c.repo().odb()))) {
        DiffResult d = new MetricsQueries(revs, new DvcYamlScan()).metricsDiff("HEAD", Revisions.WORKSPACE, List.of(), false);
        assertThat(d.erroredRevisions()).containsExactly("HEAD");
      }
    }
  }
}
