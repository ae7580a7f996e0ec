package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, end to end, through the packaged CLI: the project is a standalone
 * Maven copy of the example, built by its pipeline and tested by {@code ci run} with the Cairn
 * libraries from the local Maven repository ({@link MavenSandbox}), as after {@code ./cairn}'s build.
 */
class QuickstartIT {
  @TempDir
  Path tmp;

  @Test
  void quickstartPlaysTheWholeStoryAndPrintsTheReport() throws Exception {
    Path checkout = Path.of("..").toAbsolutePath().normalize();
    MavenSandbox maven = MavenSandbox.create(tmp);
    Path log = tmp.resolve("quickstart.log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dcairn.home=" + checkout, "-jar", CrashIT.jar().toString(), "quickstart", tmp.resolve("qs").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(maven.env());
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isZero();
    Path project = tmp.resolve("qs/wine-quality");
    String report = Files.readString(project.resolve("report/report.md"));
    // accuracy on both sides of the metrics diff, the changed hyperparameter in the params diff
    assertThat(report).containsPattern("\\| dvclive/metrics.json \\| accuracy +\\| 0\\.6\\d* +\\| 0\\.6\\d* +\\|");
    assertThat(report).contains("train.hyperparameters.C").contains("[1, 10]").contains("[10, 100]");
    assertThat(report).contains("All 2 gates passed");
    // the example's own tests ran in the CI step: its code tests and its cairn-checks model tests
    assertThat(report).contains("✅ **28 tests**: 28 passed, 0 failed, 0 errors, 0 skipped");
    assertThat(report).contains("✅ 28 tests, 0 failed");
    assertThat(report).contains("| tests | ✅ ok | mvn -B -q test |");
    assertThat(project.resolve("target/surefire-reports/TEST-dev.cairn.examples.wine.ModelTest.xml")).exists();
    // a standalone project: its own pom.xml without a parent, its sources and tests; the jar built by the pipeline
    assertThat(project.resolve("pom.xml")).content().doesNotContain("<parent>");
    assertThat(project.resolve("src/test/java/dev/cairn/examples/wine/ModelTest.java")).exists();
    assertThat(project.resolve("dvc.lock")).content().contains("build:", "target/wine-quality.jar");
    assertThat(out).contains("# Cairn report");
    assertThat(project.resolve("report/report_plots/dvclive_plots_sklearn_confusion_matrix.json.png")).exists();
    assertThat(project.resolve("data/raw.dvc")).exists();
    assertThat(tmp.resolve("qs/remote/files/md5")).isDirectory();
  }
}
