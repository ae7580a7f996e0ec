package dev.cairn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.revision.CachedOutputs;
import dev.cairn.revision.DvcYamlScan;
import dev.cairn.revision.ProjectFiles;
import dev.cairn.revision.RevisionFiles;
import dev.cairn.revision.Revisions;
import dev.cairn.revision.UnknownRevisionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads metrics and params across commits, a branch and a tag of a real JGit repository. */
class RevisionsGitTest {
  @TempDir static Path dir;

  private static void write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private static void commit(Git git, String msg) throws Exception {
    git.add().addFilepattern(".").call();
    git.commit().setMessage(msg).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
  }

  @BeforeAll
  static void repo() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      write("dvc.yaml", "stages:\n  train:\n    cmd: java Train\n    params:\n    - train.lr\n"
          + "    - config/extra.json:\n      - seed\n    metrics:\n    - eval/metrics.json:\n        cache: false\n"
          + "metrics:\n- summary.yaml\n");
      write("params.yaml", "train:\n  lr: 0.001\n  layers: [1, 2]\nother: x\n");
      write("config/extra.json", "{\"seed\": 1, \"unused\": 2}");
      write("eval/metrics.json", "{\"acc\": 0.8, \"per_class\": [1, 2], \"name\": \"svm\", \"ok\": true}");
      commit(git, "first");
      write("eval/metrics.json", "{\"acc\": 0.85}");
      write("summary.yaml", "auc: 0.7\n");
      commit(git, "second");
      git.tag().setName("v1").call();
      git.checkout().setCreateBranch(true).setName("exp").call();
      write("eval/metrics.json", "{\"acc\": 0.9");
      write("params.yaml", "train:\n  lr: 0.01\n  layers: [1, 2]\nother: x\n");
      commit(git, "broken metrics on a branch");
      git.checkout().setName("main").call();
    }
    write("eval/metrics.json", "{\"acc\": 0.95}");
  }

  @Test
  void gitTreeReadsAndLists() throws Exception {
    try (Revisions revs = Revisions.open(dir, CachedOutputs.NONE)) {
      RevisionFiles head1 = revs.at("HEAD~1");
      assertThat(head1.read("eval/metrics.json").map(String::new))
          .contains("{\"acc\": 0.8, \"per_class\": [1, 2], \"name\": \"svm\", \"ok\": true}");
      assertThat(head1.read("summary.yaml")).isEmpty();
      assertThat(head1.read("eval")).isEmpty();
      assertThat(revs.at("main").list("")).containsExactly(
          "config/extra.json", "dvc.yaml", "eval/metrics.json", "params.yaml", "summary.yaml");
      assertThat(revs.at("main").list("eval")).containsExactly("eval/metrics.json");
      assertThat(revs.at("main").list("summary.yaml")).isEmpty();
      assertThat(revs.activeBranch()).contains("main");
    }
  }

  @Test
  void metricsPerRevisionWithErrorsAsValues() throws Exception {
    try (Revisions revs = Revisions.open(dir, CachedOutputs.NONE)) {
      DvcYamlScan scan = new DvcYamlScan();
      RevisionResult first = Collector.metrics("HEAD~1", revs.at("HEAD~1"), scan, List.of());
      assertThat(first.files().get("eval/metrics.json").data())
          .isEqualTo(Map.of("acc", 0.8, "name", "svm", "ok", true));
      assertThat(first.files().get("summary.yaml").error().type()).isEqualTo("FileNotFoundError");
      RevisionResult exp = Collector.metrics("exp", revs.at("exp"), scan, List.of());
      assertThat(exp.files().get("eval/metrics.json").error()).isEqualTo(new ReadError("JSONFileCorruptedError",
          "unable to read: 'eval/metrics.json', JSON file structure is corrupted"));
      RevisionResult ws = Collector.metrics("workspace", revs.workspace(), scan, List.of());
      DiffResult d = Differ.diff(Collector.metrics("HEAD", revs.at("HEAD"), scan, List.of()), ws, false);
      assertThat(MetricsFormat.diffTable(d, MetricsFormat.DiffTableOptions.metrics(false, 5)).plain()).isEqualTo(
          "Path               Metric    HEAD    workspace    Change\n"
              + "eval/metrics.json  acc       0.85    0.95         0.1\n");
    }
  }

  @Test
  void paramsDiffAcrossBranch() throws Exception {
    try (Revisions revs = Revisions.open(dir, CachedOutputs.NONE)) {
      DvcYamlScan scan = new DvcYamlScan();
      RevisionResult main = Collector.params("main", revs.at("main"), scan, List.of());
      assertThat(main.files().keySet()).containsExactly("params.yaml", "config/extra.json");
      assertThat(main.files().get("config/extra.json").data()).isEqualTo(Map.of("seed", 1L));
      DiffResult d = Differ.diff(main, Collector.params("exp", revs.at("exp"), scan, List.of()), true);
      assertThat(MetricsFormat.diffTable(d, MetricsFormat.DiffTableOptions.params(false)).plain()).isEqualTo(
          "Path               Param         main    exp\n"
              + "config/extra.json  seed          1       1\n"
              + "params.yaml        other         x       x\n"
              + "params.yaml        train.layers  [1, 2]  [1, 2]\n"
              + "params.yaml        train.lr      0.001   0.01\n");
    }
  }

  @Test
  void selectGroupsNamesByCommitAndRejectsUnknownRevisions() throws Exception {
    try (Revisions revs = Revisions.open(dir, CachedOutputs.NONE)) {
      assertThat(revs.select(List.of(), false, false, false)).containsOnlyKeys("");
      assertThat(revs.select(List.of(), true, true, false).keySet())
          .containsExactly("workspace", "exp", "main,v1");
      assertThat(revs.select(List.of(), false, false, true)).hasSize(4);
      assertThatThrownBy(() -> revs.at("nope"))
          .isInstanceOf(UnknownRevisionException.class)
          .hasMessageStartingWith("Unknown Git revision 'nope'");
      assertThatThrownBy(() -> revs.select(List.of("HEAD", "bad~~x"), false, false, false))
          .isInstanceOf(UnknownRevisionException.class);
    }
  }

  @Test
  void cachedOutputsFillGapsInGit() throws Exception {
    CachedOutputs cache = scm -> new RevisionFiles() {
      @Override
      public Optional<byte[]> read(String path) {
        return path.equals("summary.yaml") ? Optional.of("auc: 0.5\n".getBytes()) : Optional.empty();
      }

      @Override
      public List<String> list(String d) {
        return List.of();
      }
    };
    try (Revisions revs = Revisions.open(dir, cache)) {
      RevisionResult r = Collector.metrics("HEAD~1", revs.at("HEAD~1"), new DvcYamlScan(), List.of());
      assertThat(r.files().get("summary.yaml").data()).isEqualTo(Map.of("auc", 0.5));
    }
  }

  @Test
  void workspaceWithoutGit(@TempDir Path plain) throws Exception {
    Files.writeString(plain.resolve("m.yaml"), "a: {b: 1, c: [1]}\nd: null\n");
    Files.writeString(plain.resolve("bad.yaml"), "a: [1\n");
    try (Revisions revs = Revisions.open(plain, CachedOutputs.NONE)) {
      assertThat(revs.hasGit()).isFalse();
      RevisionResult r = Collector.metrics("", revs.workspace(), f -> new ProjectFiles(List.of(), Map.of()),
          List.of("m.yaml", "bad.yaml", "none.toml"));
      assertThat(r.files().get("m.yaml").data()).isEqualTo(Map.of("a", Map.of("b", 1)));
      assertThat(r.files().get("bad.yaml").error().type()).isEqualTo("YAMLFileCorruptedError");
      assertThat(r.files().get("none.toml").error().type()).isEqualTo("FileNotFoundError");
      assertThatThrownBy(() -> revs.at("HEAD")).isInstanceOf(UnknownRevisionException.class);
    }
  }

  @Test
  void malformedDvcYamlIsARevisionError() throws Exception {
    String good = Files.readString(dir.resolve("dvc.yaml"));
    write("dvc.yaml", "stages: [\n");
    try (Revisions revs = Revisions.open(dir, CachedOutputs.NONE)) {
      RevisionResult r = Collector.metrics("workspace", revs.workspace(), new DvcYamlScan(), List.of());
      assertThat(r.error().type()).isEqualTo("YAMLSyntaxError");
      assertThat(r.error().msg()).contains("dvc.yaml");
      assertThat(MetricsFormat.showJson(Map.of("workspace", r), false)).startsWith("{\"workspace\": {\"error\": ");
    } finally {
      write("dvc.yaml", good);
    }
  }
}
