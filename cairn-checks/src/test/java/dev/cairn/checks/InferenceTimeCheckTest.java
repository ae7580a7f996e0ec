package dev.cairn.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InferenceTimeCheckTest {
  @Test
  void keepsTheFastestTimedPassAndWarmsUpFirst() {
    AtomicInteger calls = new AtomicInteger();
    Predictor<Integer, Integer> model = x -> {
      calls.incrementAndGet();
      return x;
    };
    // Each clock read advances the fake clock; passes take 4000, 2000, 3000 ns for 4 samples.
    long[] readings = {0, 4000, 10_000, 12_000, 20_000, 23_000};
    AtomicLong index = new AtomicLong();
    InferenceTimeResult result = InferenceTimeCheck.measure(model, List.of(1, 2, 3, 4), Duration.ofNanos(600), 2, 3,
        () -> readings[(int) index.getAndIncrement()]);
    assertThat(calls.get()).isEqualTo(4 * (2 + 3));
    assertThat(result.nanosPerSample()).isEqualTo(500.0);
    assertThat(result.passed()).isTrue();
    assertThat(result.message()).isEqualTo("Inference takes 0.0005 ms per sample (best of 3 passes over 4 samples), within the limit 0.0006 ms");
  }

  @Test
  void failureCarriesTheNumbers() {
    long[] readings = {0, 8_000_000};
    AtomicLong index = new AtomicLong();
    InferenceTimeResult result = InferenceTimeCheck.measure(x -> x, List.of(1, 2, 3, 4), Duration.ofMillis(1), 0, 1,
        () -> readings[(int) index.getAndIncrement()]);
    assertThatThrownBy(result::assertPassed)
        .isInstanceOf(AssertionError.class)
        .hasMessage("Inference takes 2.0000 ms per sample (best of 1 passes over 4 samples), above the limit 1.0000 ms");
  }

  @Test
  void realClockMeasuresSomethingSmall() {
    InferenceTimeResult result = InferenceTimeCheck.assertTimePerSampleAtMost(x -> x * 2, List.of(1, 2, 3), Duration.ofSeconds(1));
    assertThat(result.nanosPerSample()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void rejectsAnEmptyBatch() {
    assertThatThrownBy(() -> InferenceTimeCheck.measure(x -> x, List.of(), Duration.ofMillis(1)))
        .hasMessage("Cannot time inference over zero samples");
  }
}
