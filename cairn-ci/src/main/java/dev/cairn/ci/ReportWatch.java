package dev.cairn.ci;

import dev.cairn.retry.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches a report file for {@code comment create|update --watch}, as CML's {@code --watch} does
 * for live training reports: the file's modification time and size are read every {@link
 * #setInterval interval} (no busy loop), and once a new state has held for the {@link #setSettle
 * settle} time (the writer has finished), the report is posted. Runs until the thread is
 * interrupted (Ctrl-C ends the process) or the time-out passes; a change still waiting to settle
 * then is posted before returning. Time and sleeping are injected, so tests never wait.
 */
public final class ReportWatch {
  /** Posts the report; {@code first} is true for the first post of the watch. */
  @FunctionalInterface
  public interface Poster {
    /** Posts the file as it is now. */
    void post(boolean first) throws Exception;
  }

  /** The default time between two looks at the file. */
  public static final Duration INTERVAL = Duration.ofSeconds(1);
  /** The default time a change must hold before it is posted (CML waits 2 s for writes to settle). */
  public static final Duration SETTLE = Duration.ofSeconds(2);

  private record State(long modified, long size) {}

  private final Path file;
  private Duration interval = INTERVAL;
  private Duration settle = SETTLE;
  private Duration timeout;
  private Sleeper sleeper = Sleeper.SYSTEM;
  private LongSupplier nanoTime = System::nanoTime;
  private Consumer<String> listener = line -> { };

  private ReportWatch(Path file) {
    this.file = file;
  }

  /** A watch of {@code file}, which may not exist yet. */
  public static ReportWatch of(Path file) {
    return new ReportWatch(Objects.requireNonNull(file));
  }

  /** The time between two looks at the file; at least 10 ms. */
  public ReportWatch setInterval(Duration d) {
    if (d.toMillis() < 10) {
      throw new IllegalArgumentException("The watch interval must be at least 10 ms");
    }
    this.interval = d;
    return this;
  }

  /** How long a new state of the file must hold before it is posted. */
  public ReportWatch setSettle(Duration d) {
    this.settle = Objects.requireNonNull(d);
    return this;
  }

  /** Stop after this long; {@code null}: run until interrupted. */
  public ReportWatch setTimeout(Duration d) {
    this.timeout = d;
    return this;
  }

  /** The clock (nanoseconds, as {@link System#nanoTime()}) and the sleeper; for tests. */
  public ReportWatch setTime(LongSupplier nanos, Sleeper s) {
    this.nanoTime = Objects.requireNonNull(nanos);
    this.sleeper = Objects.requireNonNull(s);
    return this;
  }

  /** Where to say what the watch does (waiting for the file, a post that failed). */
  public ReportWatch setListener(Consumer<String> l) {
    this.listener = Objects.requireNonNull(l);
    return this;
  }

  /**
   * Watches and posts.
   *
   * @return how many times the report was posted
   * @throws Exception what the first post threw (a later failure is reported to the listener and
   *     the watch goes on), or an I/O error reading the file's attributes
   */
  public int run(Poster poster) throws Exception {
    long start = nanoTime.getAsLong();
    State posted = null;
    State pending = null;
    long pendingSince = 0;
    int posts = 0;
    boolean waitingSaid = false;
    while (true) {
      long now = nanoTime.getAsLong();
      boolean over = timeout != null && now - start >= timeout.toNanos();
      State s = state();
      if (s == null && posts == 0 && !waitingSaid) {
        listener.accept("Waiting for " + file + " to appear");
        waitingSaid = true;
      }
      if (s != null && !s.equals(posted)) {
        if (!s.equals(pending)) {
          pending = s;
          pendingSince = now;
        }
        if (now - pendingSince >= settle.toNanos() || over) {
          posted = s;
          pending = null;
          try {
            poster.post(posts == 0);
            posts++;
          } catch (Exception e) {
            if (posts == 0) {
              throw e;
            }
            listener.accept("WARNING: could not post the report again: " + e.getMessage());
          }
        }
      }
      if (over) {
        return posts;
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return posts;
      }
    }
  }

  private State state() throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.isRegularFile() ? new State(a.lastModifiedTime().toMillis(), a.size()) : null;
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
