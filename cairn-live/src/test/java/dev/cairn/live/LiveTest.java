package dev.cairn.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveTest {
  @TempDir Path tmp;

  @Test
  void writesSummaryAndHistoriesPerStep() throws IOException {
    Path dir = tmp.resolve("dvclive");
    try (Live live = Live.open(dir)) {
      for (int epoch = 0; epoch < 3; epoch++) {
        live.logMetric("train/loss", 1.0 / (epoch + 1));
        live.logMetric("epochs_seen", epoch + 1);
        live.nextStep();
      }
      assertThat(live.step()).isEqualTo(3);
    }
    assertThat(Files.readString(dir.resolve("metrics.json"))).isEqualTo("""
        {
            "train": {
                "loss": 0.3333333333333333
            },
            "epochs_seen": 3,
            "step": 2
        }
        """);
    assertThat(Files.readString(dir.resolve("plots/metrics/train/loss.tsv")))
        .isEqualTo("step\tloss\n0\t1.0\n1\t0.5\n2\t0.3333333333333333\n");
    assertThat(Files.readString(dir.resolve("plots/metrics/epochs_seen.tsv")))
        .isEqualTo("step\tepochs_seen\n0\t1\n1\t2\n2\t3\n");
  }

  @Test
  void withoutStepsTheSummaryHasNoStepKey() throws IOException {
    Path dir = tmp.resolve("run");
    try (Live live = Live.open(dir)) {
      live.logMetric("accuracy", 0.6);
      live.logMetric("per_class/5/precision", 0.7, false);
      live.logMetric("loss", Double.NaN, false);
    }
    assertThat(Files.readString(dir.resolve("metrics.json"))).isEqualTo("""
        {
            "accuracy": 0.6,
            "per_class": {
                "5": {
                    "precision": 0.7
                }
            },
            "loss": "nan"
        }
        """);
    assertThat(dir.resolve("plots/metrics/per_class")).doesNotExist();
    assertThat(dir.resolve("plots/metrics/accuracy.tsv")).hasContent("step\taccuracy\n0\t0.6");
  }

  @Test
  void addsTimestampColumnWhenAsked() throws IOException {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);
    Path dir = tmp.resolve("ts");
    try (Live live = Live.builder().dir(dir).clock(clock).timestamps(true).open()) {
      live.logMetric("acc", 0.5);
    }
    assertThat(Files.readString(dir.resolve("plots/metrics/acc.tsv")))
        .isEqualTo("timestamp\tstep\tacc\n1700000000123\t0\t0.5\n");
  }

  @Test
  void writesParamsYaml() throws IOException {
    Path dir = tmp.resolve("p");
    try (Live live = Live.open(dir)) {
      Map<String, Object> best = new LinkedHashMap<>();
      best.put("kernel", "rbf");
      best.put("C", 10);
      best.put("gamma", 0.1);
      live.logParam("best_hyperparameters", best);
      live.logParam("seed", 42);
      live.logParam("comment", null);
    }
    assertThat(Files.readString(dir.resolve("params.yaml"))).isEqualTo("""
        best_hyperparameters:
          kernel: rbf
          C: 10
          gamma: 0.1
        seed: 42
        comment:
        """);
  }

  @Test
  void writesSklearnPlotsInDvcLiveShapes() throws IOException {
    Path dir = tmp.resolve("plots");
    try (Live live = Live.open(dir)) {
      live.logConfusionMatrix(List.of(5, 6), List.of(5, 5));
      live.logRoc(new boolean[] {false, true}, new double[] {0.2, 0.9});
      live.logPrecisionRecall(new boolean[] {false, true}, new double[] {0.2, 0.9});
    }
    assertThat(Files.readString(dir.resolve("plots/sklearn/confusion_matrix.json"))).isEqualTo("""
        [
            {
                "actual": "5",
                "predicted": "5"
            },
            {
                "actual": "6",
                "predicted": "5"
            }
        ]
        """);
    assertThat(Files.readString(dir.resolve("plots/sklearn/roc.json"))).startsWith("""
        {
            "roc": [
                {
                    "fpr": 0.0,
                    "tpr": 0.0,
                    "threshold": 1.9
                },
        """);
    assertThat(Files.readString(dir.resolve("plots/sklearn/precision_recall.json")))
        .startsWith("{\n    \"precision_recall\": [\n        {\n            \"precision\": 0.5,");
  }

  @Test
  void openingStartsAfreshAndLeavesNoTemporaryFiles() throws IOException {
    Path dir = tmp.resolve("again");
    try (Live live = Live.open(dir)) {
      live.logMetric("old", 1);
      live.logParam("old", 1);
    }
    try (Live live = Live.open(dir)) {
      live.logMetric("new", 2);
    }
    assertThat(dir.resolve("plots/metrics/old.tsv")).doesNotExist();
    assertThat(dir.resolve("params.yaml")).doesNotExist();
    assertThat(Files.readString(dir.resolve("metrics.json"))).doesNotContain("old");
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
    }
  }

  @Test
  void rejectsBadNamesAndValuesWithClearMessages() {
    try (Live live = Live.open(tmp.resolve("bad"))) {
      assertThatThrownBy(() -> live.logMetric("../escape", 1.0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'../escape'");
      assertThatThrownBy(() -> live.logParam("p", new Object()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Parameter 'p' has unsupported type java.lang.Object");
    }
  }

  @Test
  void refusesUseAfterClose() {
    Live live = Live.open(tmp.resolve("closed"));
    live.close();
    live.close();
    assertThatThrownBy(() -> live.logMetric("a", 1.0)).isInstanceOf(IllegalStateException.class);
  }
}
