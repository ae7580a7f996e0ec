package dev.cairn.transfer;

import dev.cairn.retry.RetryPolicy;
import java.util.Objects;

/**
 * Settings of one transfer.
 *
 * @param jobs parallel requests, at least 1 ({@link #defaultJobs()} is DVC's 4 × CPU count)
 * @param retry how failed requests are retried
 */
public record TransferOptions(int jobs, RetryPolicy retry) {
  public TransferOptions {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
    Objects.requireNonNull(retry);
  }

  /** DVC's default parallelism: 4 × the number of CPUs. */
  public static int defaultJobs() {
    return 4 * Runtime.getRuntime().availableProcessors();
  }

  /** Default jobs and retries. */
  public static TransferOptions defaults() {
    return new TransferOptions(defaultJobs(), RetryPolicy.transfers());
  }
}
