package dev.cairn.checks;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Is the model fast enough? Runs the batch a few times to warm the JIT up, then times a few more
 * passes and keeps the fastest, which is the least disturbed by other work on the machine.
 */
public final class InferenceTimeCheck {
  /** Untimed passes over the batch before measuring. */
  public static final int DEFAULT_WARMUP_ROUNDS = 3;
  /** Timed passes over the batch. */
  public static final int DEFAULT_ROUNDS = 3;

  private static volatile int sink;

  private InferenceTimeCheck() {}

  /** Measures with the default rounds and {@link System#nanoTime()}. */
  public static <X> InferenceTimeResult measure(Predictor<X, ?> model, List<? extends X> samples, Duration limit) {
    return measure(model, samples, limit, DEFAULT_WARMUP_ROUNDS, DEFAULT_ROUNDS, System::nanoTime);
  }

  /**
   * Measures the time per sample.
   *
   * @param warmupRounds untimed passes first
   * @param rounds timed passes, at least 1
   * @param nanoTime the clock, {@code System::nanoTime} outside tests
   * @throws IllegalArgumentException if the batch is empty or the round counts are out of range
   */
  public static <X> InferenceTimeResult measure(Predictor<X, ?> model, List<? extends X> samples, Duration limit,
      int warmupRounds, int rounds, LongSupplier nanoTime) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(nanoTime, "nanoTime");
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("Cannot time inference over zero samples");
    }
    if (warmupRounds < 0 || rounds < 1) {
      throw new IllegalArgumentException("Need warmupRounds >= 0 and rounds >= 1, got " + warmupRounds + " and " + rounds);
    }
    for (int i = 0; i < warmupRounds; i++) {
      consume(model.predictAll(samples));
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < rounds; i++) {
      long start = nanoTime.getAsLong();
      List<?> out = model.predictAll(samples);
      long elapsed = nanoTime.getAsLong() - start;
      consume(out);
      best = Math.min(best, elapsed);
    }
    return new InferenceTimeResult(samples.size(), rounds, (double) best / samples.size(), limit);
  }

  /** As {@link #measure(Predictor, List, Duration)}, then {@link CheckResult#assertPassed()}. */
  public static <X> InferenceTimeResult assertTimePerSampleAtMost(Predictor<X, ?> model, List<? extends X> samples,
      Duration limit) {
    InferenceTimeResult result = measure(model, samples, limit);
    result.assertPassed();
    return result;
  }

  /** Keeps the JIT from removing predictions nobody reads. */
  private static void consume(List<?> predictions) {
    sink += predictions.size() + (predictions.isEmpty() ? 0 : Objects.hashCode(predictions.get(0)));
  }
}
