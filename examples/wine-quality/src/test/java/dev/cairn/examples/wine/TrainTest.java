package dev.cairn.examples.wine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainTest {
  @TempDir Path tmp;

  /** Two Gaussian blobs: class 1 around (0, 0), class 2 around (3, 3). */
  private static Dataset blobs(long seed, int perClass) {
    Random random = new Random(seed);
    double[][] x = new double[2 * perClass][];
    int[] y = new int[2 * perClass];
    for (int i = 0; i < 2 * perClass; i++) {
      double centre = i < perClass ? 0 : 3;
      x[i] = new double[] {centre + random.nextGaussian() * 0.5, centre + random.nextGaussian() * 0.5};
      y[i] = i < perClass ? 1 : 2;
    }
    return new Dataset(List.of("a", "b"), x, y);
  }

  @Test
  void separatesSeparableData() {
    WineModel model = WineModel.fit(blobs(1, 50), new SvmConfig(Kernel.RBF, 1, Gamma.SCALE), Double.NaN);
    Dataset test = blobs(2, 50);
    assertThat(ClassificationReport.of(test.y(), model.predict(test.x())).accuracy()).isGreaterThan(0.95);
  }

  @Test
  void gridSearchScoresEveryPointAndRefitsTheBest() {
    HyperparameterGrid grid = new HyperparameterGrid(List.of(Kernel.LINEAR, Kernel.RBF), List.of(0.001, 1.0), List.of(Gamma.SCALE));
    GridSearch.Result result = GridSearch.run(blobs(3, 30), grid, 3, Scoring.ACCURACY);
    assertThat(result.candidates()).hasSize(4).allSatisfy(c -> assertThat(c.foldScores()).hasSize(3));
    GridSearch.Candidate best = result.candidates().stream()
        .reduce((a, b) -> b.meanScore() > a.meanScore() ? b : a).orElseThrow();
    assertThat(result.best().config()).isEqualTo(best.config());
    assertThat(result.best().cvScore()).isEqualTo(best.meanScore());
    assertThat(best.meanScore()).isGreaterThan(0.9);
  }

  @Test
  void trainingIsDeterministic() {
    Fixtures.Trained trained = Fixtures.trained();
    GridSearch.Result again = GridSearch.run(trained.split().train(), trained.params().grid(), trained.params().cv(),
        trained.params().scoring());
    assertThat(again.best().config()).isEqualTo(trained.model().config());
    assertThat(again.best().predict(trained.split().test().x())).containsExactly(trained.model().predict(trained.split().test().x()));
  }

  @Test
  void savedModelPredictsTheSame() throws IOException {
    WineModel model = Fixtures.trained().model();
    Path file = tmp.resolve("model/svm.model");
    model.save(file);
    WineModel loaded = WineModel.load(file);
    double[][] x = Fixtures.trained().split().test().x();
    assertThat(loaded.predict(x)).containsExactly(model.predict(x));
    assertThat(loaded.config()).isEqualTo(model.config());
    assertThat(loaded.features()).isEqualTo(model.features());
    assertThat(loaded.cvScore()).isEqualTo(model.cvScore());
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void refusesAFileThatIsNoModel() throws IOException {
    Path file = tmp.resolve("not-a-model");
    Files.writeString(file, "hello\n");
    assertThatThrownBy(() -> WineModel.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a wine model file");
  }

  @Test
  void trainStageWritesTheModelFile() throws IOException {
    Path work = tmp.resolve("work");
    Files.createDirectories(work.resolve("data/raw"));
    Files.copy(Fixtures.RAW, work.resolve("data/raw/winequality-red.csv"));
    Params defaults = Params.load(Fixtures.PARAMS);
    Params small = new Params(defaults.raw(), defaults.intermediate(), defaults.model(), defaults.feature(),
        defaults.testSize(), new HyperparameterGrid(List.of(Kernel.RBF), List.of(1.0), List.of(Gamma.SCALE)), 2, Scoring.F1_MACRO);
    Process.run(work, small);
    GridSearch.Result result = Train.run(work, small);
    assertThat(result.candidates()).hasSize(1);
    assertThat(WineModel.load(work.resolve("model/svm.model")).config()).isEqualTo(new SvmConfig(Kernel.RBF, 1, Gamma.SCALE));
  }
}
