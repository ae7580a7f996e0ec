package dev.cairn.forge.stub;

import dev.cairn.retry.RetryPolicy;
import dev.cairn.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when the code under test "sleeps"; records every wait. */
public final class FakeTime extends Clock implements Sleeper {
  private Instant now = Instant.parse("2026-11-28T12:00:00Z");
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    now = now.plus(d);
  }

  /** Every wait so far. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The default policy driven by this fake. */
  public RetryPolicy policy() {
    return RetryPolicy.forgeApis().withTime(this, this);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneId.of("UTC");
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
