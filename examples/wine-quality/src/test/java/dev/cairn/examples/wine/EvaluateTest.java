package dev.cairn.examples.wine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateTest {
  @TempDir Path tmp;

  @Test
  void reportMatchesHandComputedMetrics() {
    int[] actual = {5, 5, 5, 6, 6, 7};
    int[] predicted = {5, 5, 6, 6, 5, 5};
    ClassificationReport report = ClassificationReport.of(actual, predicted);
    assertThat(report.labels()).containsExactly(5, 6, 7);
    assertThat(report.confusion()).isDeepEqualTo(new int[][] {{2, 1, 0}, {1, 1, 0}, {1, 0, 0}});
    assertThat(report.accuracy()).isEqualTo(0.5);
    ClassMetrics five = report.perClass().get(0);
    assertThat(five.precision()).isEqualTo(0.5);
    assertThat(five.recall()).isCloseTo(2.0 / 3.0, within(1e-15));
    assertThat(five.f1()).isCloseTo(4.0 / 7.0, within(1e-15));
    assertThat(five.support()).isEqualTo(3);
    assertThat(report.perClass().get(2)).isEqualTo(new ClassMetrics(7, 0, 0, 0, 1));
    assertThat(Scoring.BALANCED_ACCURACY.score(actual, predicted)).isCloseTo((2.0 / 3 + 0.5 + 0) / 3, within(1e-15));
  }

  @Test
  void evaluateStageLogsDvcLiveFiles() throws IOException {
    Path work = tmp.resolve("work");
    Fixtures.Trained trained = Fixtures.trained();
    Params params = trained.params();
    trained.split().write(work.resolve(params.intermediate()), params.feature());
    trained.model().save(work.resolve(params.model()));

    ClassificationReport report = Evaluate.run(work, params);

    Path live = work.resolve("dvclive");
    String metrics = Files.readString(live.resolve("metrics.json"));
    assertThat(metrics).startsWith("{\n    \"accuracy\": " + report.accuracy() + ",\n    \"cv_score\": ")
        .contains("\"per_class\": {\n        \"4\": {\n            \"precision\": ");
    assertThat(Files.readString(live.resolve("params.yaml")))
        .isEqualTo("best_hyperparameters:\n  kernel: " + trained.model().config().kernel().key()
            + "\n  C: " + trained.model().config().c() + "\n  gamma: " + trained.model().config().gamma() + "\n");
    assertThat(Files.readAllLines(live.resolve("plots/metrics/accuracy.tsv")))
        .containsExactly("step\taccuracy", "0\t" + report.accuracy());
    String confusion = Files.readString(live.resolve("plots/sklearn/confusion_matrix.json"));
    assertThat(confusion.split("\"actual\"", -1)).hasSize(321);
  }
}
