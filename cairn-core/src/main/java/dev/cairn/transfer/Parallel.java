package dev.cairn.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed pool of daemon worker threads for one transfer; closed when the transfer ends. */
final class Parallel implements AutoCloseable {
  /** Work on one item. */
  @FunctionalInterface
  interface Task<T> {
    void run(T item) throws IOException;
  }

  private static final AtomicInteger POOLS = new AtomicInteger();
  private final ExecutorService pool;
  private final int jobs;

  Parallel(int jobs) {
    this.jobs = jobs;
    int n = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "cairn-transfer-" + n + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  int jobs() {
    return jobs;
  }

  /**
   * Runs {@code task} on every item and waits for all of them. If tasks throw, the first exception
   * is rethrown after every task has ended (the others are suppressed into it).
   */
  <T> void forEach(Collection<T> items, Task<T> task) throws IOException {
    if (items.isEmpty()) {
      return;
    }
    if (items.size() == 1 || jobs == 1) {
      for (T item : items) {
        task.run(item);
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(pool.submit(() -> {
        task.run(item);
        return null;
      }));
    }
    IOException first = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new InterruptedIOException("Interrupted during transfer");
      } catch (ExecutionException e) {
        IOException io = asIoException(e.getCause());
        if (first == null) {
          first = io;
        } else if (first != io) {
          first.addSuppressed(io);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Runs {@code task} on items handed to {@link Feed#submit} one by one, with at most four per
   * worker waiting, so that a million items never sit in a queue; {@link Feed#close} waits for all
   * and rethrows the first failure (the others suppressed into it).
   */
  <T> Feed<T> feed(Task<T> task) {
    return new Feed<>(task);
  }

  /** Items submitted as they come; see {@link #feed}. Submit from one thread. */
  final class Feed<T> implements AutoCloseable {
    private final Task<T> task;
    private final int permits = Math.max(1, 4 * jobs);
    private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(permits);
    private final java.util.concurrent.ConcurrentLinkedQueue<Throwable> thrown =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    private Feed(Task<T> task) {
      this.task = task;
    }

    /** Runs the task on {@code item} on a worker, waiting while the workers are all busy. */
    void submit(T item) throws IOException {
      if (jobs == 1) {
        task.run(item);
        return;
      }
      try {
        slots.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted during transfer");
      }
      try {
        pool.execute(() -> {
          try {
            task.run(item);
          } catch (Throwable t) {
            thrown.add(t);
          } finally {
            slots.release();
          }
        });
      } catch (RuntimeException e) {
        slots.release();
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        slots.acquire(permits);
        slots.release(permits);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted during transfer");
      }
      IOException first = null;
      for (Throwable t : thrown) {
        IOException io = asIoException(t);
        if (first == null) {
          first = io;
        } else if (first != io) {
          first.addSuppressed(io);
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  /** Unwraps what a task threw; runtime exceptions and errors (bugs) are rethrown as they are. */
  private static IOException asIoException(Throwable t) {
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof UncheckedIOException u) {
      return u.getCause();
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IOException(t.toString(), t);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
