package dev.cairn.checks;

import java.time.Duration;
import java.util.Locale;

/**
 * Time per sample of a model's predictions, measured over a warmed-up batch.
 *
 * @param samples the batch size
 * @param rounds the number of timed passes over the batch
 * @param nanosPerSample the fastest pass's time divided by the batch size
 * @param limit the largest time per sample that passes
 */
public record InferenceTimeResult(int samples, int rounds, double nanosPerSample, Duration limit) implements CheckResult {
  @Override
  public boolean passed() {
    return nanosPerSample <= limit.toNanos();
  }

  @Override
  public String message() {
    String head = String.format(Locale.ROOT, "Inference takes %.4f ms per sample (best of %d passes over %d samples)",
        nanosPerSample / 1e6, rounds, samples);
    return head + (passed() ? ", within " : ", above ") + String.format(Locale.ROOT, "the limit %.4f ms", limit.toNanos() / 1e6);
  }
}
