package dev.cairn.examples.wine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTest {
  @TempDir Path tmp;

  @Test
  void separatesFeaturesFromTheTarget() throws IOException {
    Dataset data = Process.loadRaw(Fixtures.RAW, "quality");
    assertThat(data.size()).isEqualTo(1599);
    assertThat(data.features()).hasSize(11).startsWith("fixed acidity").endsWith("alcohol").doesNotContain("quality");
    assertThat(data.x()[0]).containsExactly(7.4, 0.7, 0.0, 1.9, 0.076, 11.0, 34.0, 0.9978, 3.51, 0.56, 9.4);
    Map<Integer, Long> counts = Arrays.stream(data.y()).boxed()
        .collect(Collectors.groupingBy(y -> y, TreeMap::new, Collectors.counting()));
    assertThat(counts).containsExactly(Map.entry(3, 10L), Map.entry(4, 53L), Map.entry(5, 681L),
        Map.entry(6, 638L), Map.entry(7, 199L), Map.entry(8, 18L));
  }

  @Test
  void splitsWithScikitLearnSizesDeterministically() throws IOException {
    Dataset data = Process.loadRaw(Fixtures.RAW, "quality");
    Split split = Split.of(data, 0.2, Split.SEED);
    assertThat(split.test().size()).isEqualTo(320);
    assertThat(split.train().size()).isEqualTo(1279);
    Split again = Split.of(data, 0.2, Split.SEED);
    assertThat(again.test().y()).containsExactly(split.test().y());
    assertThat(again.train().x()).isDeepEqualTo(split.train().x());
    assertThat(Split.of(data, 0.2, 7).test().y()).isNotEqualTo(split.test().y());
  }

  @Test
  void splitRowsArePartitionedNotDuplicated() throws IOException {
    Dataset data = Process.loadRaw(Fixtures.RAW, "quality");
    Split split = Split.of(data, 0.2, Split.SEED);
    long sumAll = Arrays.stream(data.y()).asLongStream().sum();
    long sumParts = Arrays.stream(split.train().y()).asLongStream().sum() + Arrays.stream(split.test().y()).asLongStream().sum();
    assertThat(sumParts).isEqualTo(sumAll);
    assertThat(split.train().x()[0]).isNotSameAs(split.test().x()[0]);
  }

  @Test
  void writesAndReadsTheIntermediateFiles() throws IOException {
    Path work = tmp.resolve("work");
    Files.createDirectories(work.resolve("data/raw"));
    Files.copy(Fixtures.RAW, work.resolve("data/raw/winequality-red.csv"));
    Params params = Params.load(Fixtures.PARAMS);
    Split written = Process.run(work, params);
    Path dir = work.resolve("data/intermediate");
    assertThat(dir.resolve("X_train.csv")).exists();
    assertThat(Files.readAllLines(dir.resolve("y_test.csv"))).hasSize(321).first().isEqualTo("quality");
    Split read = Split.read(dir);
    assertThat(read.train().x()).isDeepEqualTo(written.train().x());
    assertThat(read.test().y()).containsExactly(written.test().y());
    assertThat(read.train().features()).isEqualTo(written.train().features());
  }

  @Test
  void reportsAMissingTargetColumn() {
    assertThatThrownBy(() -> Process.loadRaw(Fixtures.RAW, "price"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("No column 'price' among [fixed acidity,");
  }
}
