package dev.cairn.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void backoffDoublesUpToItsCap() {
    RetryPolicy p = RetryPolicy.forgeApis();
    assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.backoff(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(p.backoff(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.backoff(40)).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.delay(3)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void jitterDrawsBelowTheBackoff() {
    RetryPolicy p = RetryPolicy.transfers();
    for (int n = 1; n < 30; n++) {
      assertThat(p.delay(n)).isBetween(Duration.ZERO, p.backoff(n));
    }
    assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.backoff(10)).isEqualTo(Duration.ofSeconds(5));
    assertThat(RetryPolicy.jittered(3, 0, 0, d -> { }).delay(2)).isZero();
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> RetryPolicy.jittered(0, 1, 2, Sleeper.SYSTEM)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.jittered(1, 5, 2, Sleeper.SYSTEM)).isInstanceOf(IllegalArgumentException.class);
  }
}
