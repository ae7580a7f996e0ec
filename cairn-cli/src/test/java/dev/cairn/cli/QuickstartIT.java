package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, end to end, through the packaged CLI. */
class QuickstartIT {
  @TempDir
  Path tmp;

  @Test
  void quickstartPlaysTheWholeStoryAndPrintsTheReport() throws Exception {
    Path checkout = Path.of("..").toAbsolutePath().normalize();
    Path log = tmp.resolve("quickstart.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dcairn.home=" + checkout, "-jar", CrashIT.jar().toString(), "quickstart", tmp.resolve("qs").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isZero();
    Path project = tmp.resolve("qs/wine-quality");
    String report = Files.readString(project.resolve("report/report.md"));
    // accuracy on both sides of the metrics diff, the changed hyperparameter in the params diff
    assertThat(report).containsPattern("\\| dvclive/metrics.json \\| accuracy +\\| 0\\.6\\d* +\\| 0\\.6\\d* +\\|");
    assertThat(report).contains("train.hyperparameters.C").contains("[1, 10]").contains("[10, 100]");
    assertThat(report).contains("All 2 gates passed");
    assertThat(out).contains("# Cairn report");
    assertThat(project.resolve("report/report_plots/dvclive_plots_sklearn_confusion_matrix.json.png")).exists();
    assertThat(project.resolve("data/raw.dvc")).exists();
    assertThat(tmp.resolve("qs/remote/files/md5")).isDirectory();
  }
}
