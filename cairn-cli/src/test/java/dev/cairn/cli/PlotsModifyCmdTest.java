package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plots modify}: dvc.yaml bytes as DVC writes them, and DVC's errors as one line, exit 2. */
class PlotsModifyCmdTest {
  static final String YAML = "stages:\n  # training\n  train:\n    cmd: python train.py\n    deps:\n    - train.py\n"
      + "    outs:\n    - model.pkl\n    - loss.csv\n  evaluate:\n    cmd: python eval.py\n";
  static final String LOCK = "schema: '2.0'\nstages: {}\n";

  @TempDir
  Path tmp;
  GitDvcRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = GitDvcRepo.create(tmp.resolve("repo"));
    repo.write("dvc.yaml", YAML);
    repo.write("dvc.lock", LOCK);
  }

  private void ok(String... args) {
    CliRun r = repo.run(args);
    assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
    assertThat(r.out()).isEmpty();
  }

  private void fails(String line, String... args) {
    CliRun r = repo.run(args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("ERROR: " + line);
  }

  @Test
  void anOutputBecomesAPlotWithItsPropertiesInDvcsOrder() throws Exception {
    ok("plots", "modify", "loss.csv", "--title", "Loss", "-y", "loss", "-x", "step");
    assertThat(repo.read("dvc.yaml")).isEqualTo("stages:\n  # training\n  train:\n    cmd: python train.py\n"
        + "    deps:\n    - train.py\n    outs:\n    - model.pkl\n    plots:\n    - loss.csv:\n        x: step\n"
        + "        y: loss\n        title: Loss\n  evaluate:\n    cmd: python eval.py\n");
    // an existing property keeps its place, a new one comes last
    ok("plots", "modify", "loss.csv", "-x", "epoch", "--no-header", "-t", "smooth");
    assertThat(repo.read("dvc.yaml")).contains("    plots:\n    - loss.csv:\n        x: epoch\n        y: loss\n"
        + "        title: Loss\n        template: smooth\n        header: false\n  evaluate:\n");
    ok("plots", "modify", "loss.csv", "--unset", "x", "title", "header");
    assertThat(repo.read("dvc.yaml")).contains("    plots:\n    - loss.csv:\n        y: loss\n        template: smooth\n"
        + "  evaluate:\n");
    ok("plots", "modify", "loss.csv", "--unset", "y", "template");
    assertThat(repo.read("dvc.yaml")).contains("    outs:\n    - model.pkl\n    plots:\n    - loss.csv\n  evaluate:\n");
    assertThat(repo.read("dvc.lock")).isEqualTo(LOCK);
  }

  @Test
  void aTemplateFileUnderDvcPlots() throws Exception {
    repo.write(".dvc/plots/mine.json", "{}");
    ok("plots", "modify", "loss.csv", "--template", "mine");
    assertThat(repo.read("dvc.yaml")).contains("    plots:\n    - loss.csv:\n        template: mine\n");
  }

  @Test
  void badInputIsOneLineAndChangesNothing() throws Exception {
    fails("Template 'nope.json' not found.", "plots", "modify", "loss.csv", "-t", "nope.json");
    fails("'loss.csv' is not a known plot. Use `cairn plots modify` to turn it into one.", "plots", "modify",
        "loss.csv", "--unset", "x");
    ok("plots", "modify", "loss.csv", "-x", "step");
    fails("display properties ['y', 'title'] not found in plot 'loss.csv'", "plots", "modify", "loss.csv", "--unset",
        "y", "title");
    fails("Unable to find stage output 'train.py' in dvc.yaml; plots modify changes outputs of dvc.yaml stages (declare"
        + " it in a stage's outs, metrics or plots first)", "plots", "modify", "train.py", "-x", "a");
    assertThat(repo.read("dvc.yaml")).contains("    - loss.csv:\n        x: step\n  evaluate:\n");
    assertThat(repo.run("plots", "modify").code()).isEqualTo(2);
  }
}
