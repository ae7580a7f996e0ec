package dev.cairn.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that secrets never leak into exceptions: run operations that are expected to fail with
 * {@link #collect}, then {@link #assertNoSecret} greps the message and {@code toString()} of every
 * exception, every cause and every suppressed exception.
 */
public final class SecretCheck {
  /** An operation that may throw. */
  public interface Op {
    void run() throws Exception;
  }

  private SecretCheck() {}

  /** Runs each operation and returns the exceptions thrown, in order. */
  public static List<Throwable> collect(Op... ops) {
    List<Throwable> failures = new ArrayList<>();
    for (Op op : ops) {
      try {
        op.run();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    return failures;
  }

  /** Fails if any secret occurs in any message in the exception chains of {@code failures}. */
  public static void assertNoSecret(List<Throwable> failures, String... secrets) {
    for (Throwable f : failures) {
      check(f, secrets, 0);
    }
  }

  private static void check(Throwable t, String[] secrets, int depth) {
    if (t == null || depth > 20) {
      return;
    }
    for (String secret : secrets) {
      assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName()).doesNotContain(secret);
      assertThat(t.toString()).as("%s", t.getClass().getName()).doesNotContain(secret);
    }
    for (Throwable s : t.getSuppressed()) {
      check(s, secrets, depth + 1);
    }
    check(t.getCause(), secrets, depth + 1);
  }
}
