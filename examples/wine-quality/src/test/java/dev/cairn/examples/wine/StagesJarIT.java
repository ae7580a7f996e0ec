package dev.cairn.examples.wine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the three stage commands of {@code dvc.yaml} against the packaged jar, in a copy of the
 * project, as {@code cairn repro} or {@code dvc repro} would.
 */
class StagesJarIT {
  @TempDir Path work;

  @Test
  void stagesRunFromThePackagedJar() throws Exception {
    Path jar = Fixtures.MODULE.resolve("target/wine-quality.jar");
    assertThat(jar).exists();
    Files.createDirectories(work.resolve("data/raw"));
    Files.createDirectories(work.resolve("target"));
    Files.copy(Fixtures.RAW, work.resolve("data/raw/winequality-red.csv"));
    Files.copy(Fixtures.PARAMS, work.resolve("params.yaml"));
    Files.copy(jar, work.resolve("target/wine-quality.jar"));

    for (String stage : List.of("Process", "Train", "Evaluate")) {
      String output = run(stage);
      if (stage.equals("Evaluate")) {
        assertThat(output).startsWith("The model's accuracy is 0.");
      }
    }
    assertThat(work.resolve("data/intermediate/X_test.csv")).exists();
    assertThat(work.resolve("model/svm.model")).exists();
    assertThat(work.resolve("dvclive/metrics.json")).content().contains("\"accuracy\": 0.");
    assertThat(work.resolve("dvclive/plots/sklearn/confusion_matrix.json")).exists();
  }

  @Test
  void aBadParamsFileFailsWithExitCodeOne() throws Exception {
    Files.writeString(work.resolve("params.yaml"), "data: {}\n");
    var process = start("Process").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(output).startsWith("Error in stage Process: params.yaml: Missing key");
  }

  private String run(String stage) throws IOException, InterruptedException {
    var process = start(stage).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("stage %s finished", stage).isTrue();
    assertThat(process.exitValue()).as("exit code of %s; output:%n%s", stage, output).isZero();
    return output;
  }

  private ProcessBuilder start(String stage) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path jar = Files.exists(work.resolve("target/wine-quality.jar"))
        ? Path.of("target/wine-quality.jar") : Fixtures.MODULE.resolve("target/wine-quality.jar");
    return new ProcessBuilder(java.toString(), "-cp", jar.toString(), "dev.cairn.examples.wine." + stage, "params.yaml")
        .directory(work.toFile());
  }
}
