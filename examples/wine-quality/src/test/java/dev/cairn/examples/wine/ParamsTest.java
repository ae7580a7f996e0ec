package dev.cairn.examples.wine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsTest {
  /**
   * The params.yaml the example ships. The parsing tests read this copy, not the project's file, so
   * that they keep passing when a branch changes a param (the quickstart's experiment does).
   */
  static final String DEFAULT_PARAMS = """
      data:
        raw: data/raw/winequality-red.csv
        intermediate: data/intermediate
      model: model/svm.model
      process:
        feature: quality
        test_size: 0.2
      train:
        hyperparameters:
          kernel:
          - linear
          - rbf
          C:
          - 1
          - 10
          gamma:
          - scale
          - 0.1
        grid_search:
          cv: 3
          scoring: accuracy
      """;

  @TempDir Path tmp;

  @Test
  void readsTheDefaultParams() throws IOException {
    Path file = tmp.resolve("params.yaml");
    Files.writeString(file, DEFAULT_PARAMS);
    Params params = Params.load(file);
    assertThat(params.raw()).isEqualTo(Path.of("data/raw/winequality-red.csv"));
    assertThat(params.intermediate()).isEqualTo(Path.of("data/intermediate"));
    assertThat(params.model()).isEqualTo(Path.of("model/svm.model"));
    assertThat(params.feature()).isEqualTo("quality");
    assertThat(params.testSize()).isEqualTo(0.2);
    assertThat(params.grid().kernels()).containsExactly(Kernel.LINEAR, Kernel.RBF);
    assertThat(params.grid().cs()).containsExactly(1.0, 10.0);
    assertThat(params.grid().gammas()).containsExactly(Gamma.SCALE, Gamma.of(0.1));
    assertThat(params.cv()).isEqualTo(3);
    assertThat(params.scoring()).isEqualTo(Scoring.ACCURACY);
  }

  @Test
  void theProjectsParamsFileIsValid() throws IOException {
    assertThat(Params.load(Fixtures.PARAMS).grid().configs()).isNotEmpty();
  }

  @Test
  void gridSkipsGammaForTheLinearKernel() {
    HyperparameterGrid grid = new HyperparameterGrid(List.of(Kernel.LINEAR, Kernel.RBF), List.of(1.0, 10.0),
        List.of(Gamma.SCALE, Gamma.of(0.1)));
    assertThat(grid.configs()).extracting(SvmConfig::toString).containsExactly(
        "kernel=linear, C=1.0", "kernel=linear, C=10.0",
        "kernel=rbf, C=1.0, gamma=scale", "kernel=rbf, C=1.0, gamma=0.1",
        "kernel=rbf, C=10.0, gamma=scale", "kernel=rbf, C=10.0, gamma=0.1");
  }

  @Test
  void namesTheFileAndKeyOfAProblem() throws IOException {
    Path file = tmp.resolve("params.yaml");
    Files.writeString(file, DEFAULT_PARAMS.replace("  test_size: 0.2\n", ""));
    assertThatThrownBy(() -> Params.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": Missing key 'process.test_size'");
    Files.writeString(file, DEFAULT_PARAMS.replace("- rbf", "- rbff"));
    assertThatThrownBy(() -> Params.load(file))
        .hasMessageEndingWith("Unknown kernel 'rbff': use linear, rbf, poly or sigmoid");
  }

  @Test
  void rejectsOutOfRangeValues() {
    Map<String, Object> tree = Map.of(
        "data", Map.of("raw", "r.csv", "intermediate", "i"),
        "model", "m",
        "process", Map.of("feature", "quality", "test_size", 1.5),
        "train", Map.of("hyperparameters", Map.of("kernel", "rbf", "C", 1, "gamma", "scale"),
            "grid_search", Map.of("cv", 3, "scoring", "accuracy")));
    assertThatThrownBy(() -> Params.fromTree(tree)).hasMessage("process.test_size must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> Gamma.parse("auto")).hasMessage("gamma must be a positive number or 'scale', got 'auto'");
    assertThatThrownBy(() -> Scoring.parse("r2")).hasMessageStartingWith("Unknown scoring 'r2'");
  }
}
