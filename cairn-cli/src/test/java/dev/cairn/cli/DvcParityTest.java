package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's defects found on real DVC repositories, each as DVC shows it: one regression test per
 * defect, run in-process as a user would.
 */
class DvcParityTest {
  @TempDir
  Path dir;

  @BeforeEach
  void setUp() {
    assertThat(CliRun.in(dir, "init", "--no-scm").code()).isZero();
  }

  /** {@code data/x.dvc} tracks {@code data/x}; stage {@code train} depends on it and writes {@code model}. */
  private void trackedDataAndStage() throws Exception {
    CliRun.write(dir, "data/x", "1\n");
    assertThat(CliRun.in(dir, "add", "data/x").code()).isZero();
    CliRun.write(dir, "dvc.yaml", """
        stages:
          train:
            cmd: cat data/x > model
            deps:
            - data/x
            outs:
            - model
        """);
    assertThat(CliRun.in(dir, "repro").code()).isZero();
  }

  @Test
  void statusNamesDvcOutputsByTheirPathAndListsThemAfterTheStages() throws Exception {
    trackedDataAndStage();
    CliRun.write(dir, "data/x", "2\n");
    CliRun st = CliRun.in(dir, "status");
    assertThat(st.code()).isZero();
    assertThat(st.out()).isEqualTo("""
        train:
        \tchanged deps:
        \t\tmodified:           data/x
        data/x.dvc:
        \tchanged outs:
        \t\tmodified:           data/x
        """);
    assertThat(CliRun.in(dir, "status", "--json").out().strip()).isEqualTo(
        "{\"train\": [{\"changed deps\": {\"data/x\": \"modified\"}}],"
            + " \"data/x.dvc\": [{\"changed outs\": {\"data/x\": \"modified\"}}]}");
    // from a subdirectory, as DVC: every address and path relative to the working directory
    assertThat(CliRun.in(dir.resolve("data"), "status").out()).isEqualTo("""
        ../dvc.yaml:train:
        \tchanged deps:
        \t\tmodified:           x
        x.dvc:
        \tchanged outs:
        \t\tmodified:           x
        """);
  }

  @Test
  void dagShowsDvcFilesAsStagesDrawnAsDvcDoes() throws Exception {
    CliRun.write(dir, "data/only", "x\n");
    assertThat(CliRun.in(dir, "add", "data/only").code()).isZero();
    // a repository with only .dvc files
    assertThat(CliRun.in(dir, "dag").out()).isEqualTo("""
        +---------------+
        | data/only.dvc |
        +---------------+
        """);
    trackedDataAndStage();
    CliRun.write(dir, "dvc.yaml", """
        stages:
          train:
            cmd: cat data/x > model
            deps:
            - data/x
            outs:
            - model
          evaluate:
            cmd: cat model > score
            deps:
            - model
            outs:
            - score
        """);
    assertThat(CliRun.in(dir, "dag").out()).isEqualTo("""
        +------------+
        | data/x.dvc |
        +------------+
               *
               *
               *
           +-------+
           | train |
           +-------+
               *
               *
               *
         +----------+
         | evaluate |
         +----------+
        +---------------+
        | data/only.dvc |
        +---------------+
        """);
    assertThat(CliRun.in(dir, "dag", "--mermaid").out()).isEqualTo("""
        flowchart TD
        \tnode1["data/x.dvc"]
        \tnode2["evaluate"]
        \tnode3["train"]
        \tnode1-->node3
        \tnode3-->node2
        \tnode4["data/only.dvc"]
        """);
    assertThat(CliRun.in(dir, "dag", "--dot").out()).isEqualTo("""
        strict digraph  {
        "train";
        "evaluate";
        "data/only.dvc";
        "data/x.dvc";
        "data/x.dvc" -> "train";
        "train" -> "evaluate";
        }
        """);
    // a target: it and what is upstream of it; --full: its whole pipeline
    assertThat(CliRun.in(dir, "dag", "--mermaid", "train").out())
        .isEqualTo("flowchart TD\n\tnode1[\"data/x.dvc\"]\n\tnode2[\"train\"]\n\tnode1-->node2\n");
    assertThat(CliRun.in(dir, "dag", "--mermaid", "--full", "train").out()).contains("\"evaluate\"")
        .doesNotContain("data/only.dvc");
    assertThat(CliRun.in(dir, "dag", "--mermaid", "data/x.dvc").out())
        .isEqualTo("flowchart TD\n\tnode1[\"data/x.dvc\"]\n");
    // --outs: the outputs, each below the outputs it is made from
    assertThat(CliRun.in(dir, "dag", "--outs", "--mermaid").out()).isEqualTo("""
        flowchart TD
        \tnode1["data/x"]
        \tnode2["model"]
        \tnode3["score"]
        \tnode1-->node2
        \tnode2-->node3
        \tnode4["data/only"]
        """);
    assertThat(CliRun.in(dir, "dag", "--outs", "--dot", "model").out()).isEqualTo("""
        strict digraph  {
        "model";
        "data/x";
        "data/x" -> "model";
        }
        """);
    // from a subdirectory, addresses are relative to it
    assertThat(CliRun.in(dir.resolve("data"), "dag", "--dot", "../dvc.yaml:train").out())
        .contains("\"x.dvc\" -> \"../dvc.yaml:train\";");
  }

  @Test
  void reproDryAllowMissingTakesDvcFilesAsStages() throws Exception {
    trackedDataAndStage();
    // a fresh clone: neither the data nor its cache objects, nor the outputs
    java.nio.file.Files.delete(dir.resolve("data/x"));
    java.nio.file.Files.delete(dir.resolve("model"));
    try (var s = java.nio.file.Files.walk(dir.resolve(".dvc/cache"))) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        java.nio.file.Files.delete(p);
      }
    }
    CliRun dry = CliRun.in(dir, "repro", "--dry", "--allow-missing");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).isEqualTo("""
        'data/x.dvc' didn't change, skipping
        Stage 'train' didn't change, skipping
        Data and pipelines are up to date.
        """);
    // without --allow-missing the stage would run; the .dvc file only changed its data (nothing to print)
    assertThat(CliRun.in(dir, "repro", "--dry").out()).isEqualTo("""
        Running stage 'train':
        > cat data/x > model
        Use `cairn push` to send your updates to remote storage.
        """);
  }

  @Test
  void stageListPutsMetricsAndPlotsUnderReportsAndCutsLongDescriptions() throws Exception {
    String longDesc = "Train the model on the processed data with the learning rate of params.yaml, then save it";
    CliRun.write(dir, "dvc.yaml", """
        stages:
          train:
            cmd: python train.py
            deps:
            - data/x
            outs:
            - model.pt
            - hist.csv
            metrics:
            - metrics.json
            plots:
            - roc.csv
          long:
            desc: %s
            cmd: python long.py
          prep:
            cmd: python prep.py
            deps:
            - data/x
            params:
            - lr
          noop:
            cmd: echo hi
        """.formatted(longDesc));
    CliRun list = CliRun.in(dir, "stage", "list");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).isEqualTo("""
        train  Outputs model.pt, hist.csv; Reports metrics.json, roc.csv
        long   %s…
        prep   Depends on data/x, params.yaml
        noop   No outputs or dependencies
        """.formatted(longDesc.substring(0, 79)));
  }

  /** A small real PNG of one colour. */
  private static byte[] png(int rgb) throws Exception {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 4; x++) {
      for (int y = 0; y < 3; y++) {
        img.setRGB(x, y, rgb);
      }
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static void commit(org.eclipse.jgit.api.Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.commit().setMessage(message).setSign(false).setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com").call();
  }

  @Test
  void imagePlotsAreShownPerRevisionAndEmbeddedInTheReport(@TempDir Path tmp) throws Exception {
    Path repo = tmp.resolve("repo");
    byte[] before = png(0x3366cc);
    try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile())
        .setInitialBranch("main").call()) {
      assertThat(CliRun.in(repo, "init").code()).isZero();
      CliRun.write(repo, "dvc.yaml", "plots:\n- eval/confusion.png\n");
      java.nio.file.Files.createDirectories(repo.resolve("eval"));
      java.nio.file.Files.write(repo.resolve("eval/confusion.png"), before);
      commit(git, "main");
      git.checkout().setCreateBranch(true).setName("pr").call();
    }
    byte[] after = png(0xcc3333);
    java.nio.file.Files.write(repo.resolve("eval/confusion.png"), after);

    CliRun show = CliRun.in(repo, "plots", "show");
    assertThat(show.code()).as(show.err()).isZero();
    assertThat(show.err()).doesNotContain("WARNING");
    Path shown = repo.resolve("dvc_plots/eval_confusion_workspace.png");
    assertThat(show.out()).isEqualTo(shown + "\n");
    assertThat(java.nio.file.Files.readAllBytes(shown)).isEqualTo(after);
    assertThat(CliRun.read(repo, "dvc_plots/index.html"))
        .contains("data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(after));

    CliRun diff = CliRun.in(repo, "plots", "diff", "main");
    assertThat(diff.code()).as(diff.err()).isZero();
    assertThat(diff.out()).isEqualTo(repo.resolve("dvc_plots/eval_confusion_workspace.png") + "\n"
        + repo.resolve("dvc_plots/eval_confusion_main.png") + "\n");
    assertThat(java.nio.file.Files.readAllBytes(repo.resolve("dvc_plots/eval_confusion_main.png"))).isEqualTo(before);

    CliRun report = CliRun.in(repo, "report", "--base", "main", "--md-out", "out/report.md");
    assertThat(report.code()).as(report.err()).isZero();
    String md = CliRun.read(repo, "out/report.md");
    assertThat(md).contains("### eval/confusion.png\n\n| main | workspace |\n|---|---|\n"
        + "| ![eval/confusion.png (main)](report_plots/eval_confusion_main.png) "
        + "| ![eval/confusion.png (workspace)](report_plots/eval_confusion_workspace.png) |\n");
    assertThat(java.nio.file.Files.readAllBytes(repo.resolve("out/report_plots/eval_confusion_main.png")))
        .isEqualTo(before);
    assertThat(java.nio.file.Files.readAllBytes(repo.resolve("out/report_plots/eval_confusion_workspace.png")))
        .isEqualTo(after);
  }

  @Test
  void aPlotsDirectoryYieldsOnlyItsFilesCharts(@TempDir Path tmp) throws Exception {
    Path repo = tmp.resolve("repo");
    try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile())
        .setInitialBranch("main").call()) {
      assertThat(CliRun.in(repo, "init").code()).isZero();
      CliRun.write(repo, "dvc.yaml", """
          stages:
            make:
              cmd: mkdir -p plots && printf 'x,y\\n1,2\\n2,3\\n' > plots/a.csv && printf 'x,y\\n1,5\\n2,1\\n' > plots/b.csv
              plots:
              - plots:
                  x: x
          """);
      assertThat(CliRun.in(repo, "repro").code()).isZero();
      commit(git, "main");
    }
    // the data of HEAD is on a remote this machine cannot reach: its cache is empty
    try (var s = java.nio.file.Files.walk(repo.resolve(".dvc/cache"))) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        java.nio.file.Files.delete(p);
      }
    }
    CliRun diff = CliRun.in(repo, "plots", "diff", "HEAD");
    assertThat(diff.code()).as(diff.err()).isZero();
    assertThat(diff.out()).isEqualTo(repo.resolve("dvc_plots/plots_a.csv.png") + "\n"
        + repo.resolve("dvc_plots/plots_b.csv.png") + "\n");
    assertThat(diff.err()).doesNotContain("file type error").doesNotContain("plots: ");
    assertThat(repo.resolve("dvc_plots/plots.png")).doesNotExist();
  }

  @Test
  void metricsThatFailToLoadAreNamedInDvcsWords() throws Exception {
    CliRun.write(dir, "dvc.yaml", "stages:\n  eval:\n    cmd: echo\n    metrics:\n    - m.json:\n        cache: false\n");
    CliRun.write(dir, "m.json", "{not json");
    CliRun show = CliRun.in(dir, "metrics", "show");
    assertThat(show.code()).isZero();
    assertThat(show.err()).isEqualTo("WARNING: Cairn failed to load some metrics for following revisions: 'workspace'.\n");
  }

  @Test
  void reproFromASubdirectoryNamesStagesRelativeToIt() throws Exception {
    trackedDataAndStage();
    CliRun r = CliRun.in(dir.resolve("data"), "repro", "../dvc.yaml:train");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("""
        'x.dvc' didn't change, skipping
        Stage '../dvc.yaml:train' didn't change, skipping
        Data and pipelines are up to date.
        """);
    CliRun.write(dir, "data/x", "3\n");
    CliRun dry = CliRun.in(dir.resolve("data"), "repro", "--dry", "../dvc.yaml:train");
    assertThat(dry.out()).isEqualTo("""
        Running stage '../dvc.yaml:train':
        > cat data/x > model
        Use `cairn push` to send your updates to remote storage.
        """);
  }
}
