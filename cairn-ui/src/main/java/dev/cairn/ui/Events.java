package dev.cairn.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Change notices for the page's event stream. While at least one page listens, a timer looks every
 * {@link #POLL_MS} ms at what can change under it (experiment refs and the queue, the pipeline
 * files, the dashboard's runs, DVCLive files) and queues {@code experiments}, {@code pipeline} or
 * {@code live} to every listener when its fingerprint moved; with no listener nothing runs.
 */
final class Events implements AutoCloseable {
  static final long POLL_MS = 400;
  private static final long RESCAN_MS = 3000;

  private final Path root;
  private final Path gitDir;
  private final Jobs jobs;
  private final LiveFiles live;
  private final Set<BlockingQueue<String>> listeners = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cairn-ui-events");
    t.setDaemon(true);
    return t;
  });
  private ScheduledFuture<?> task;
  private String lastExps = "";
  private String lastPipeline = "";
  private String lastLive = "";
  private List<Path> liveDirs = List.of();
  private long lastScan;

  Events(Path root, Path gitDir, Jobs jobs, LiveFiles live) {
    this.root = root;
    this.gitDir = gitDir;
    this.jobs = jobs;
    this.live = live;
  }

  /** Registers a listener; its queue receives event names. */
  synchronized BlockingQueue<String> listen() {
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    listeners.add(q);
    if (task == null) {
      poll(); // the baseline, so a new page does not get a burst of notices for what it just read
      task = timer.scheduleWithFixedDelay(this::pollQuietly, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }
    return q;
  }

  synchronized void unlisten(BlockingQueue<String> q) {
    listeners.remove(q);
    if (listeners.isEmpty() && task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      // a file vanished between listing and reading it: the next poll sees the new state
    }
  }

  private synchronized void poll() {
    try {
      String exps = gitStamp() + "#" + jobs.version();
      String pipeline = pipelineStamp() + "#" + jobs.version();
      long now = System.currentTimeMillis();
      if (now - lastScan >= RESCAN_MS) {
        liveDirs = live.find();
        lastScan = now;
      }
      String liveStamp = liveDirs + live.fingerprint(liveDirs);
      boolean first = lastExps.isEmpty();
      if (!first && !exps.equals(lastExps)) {
        send("experiments");
      }
      if (!first && !pipeline.equals(lastPipeline)) {
        send("pipeline");
      }
      if (!first && !liveStamp.equals(lastLive)) {
        send("live");
      }
      lastExps = exps;
      lastPipeline = pipeline;
      lastLive = liveStamp;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void send(String event) {
    listeners.forEach(q -> q.offer(event));
  }

  private String gitStamp() throws IOException {
    if (gitDir == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String f : List.of("HEAD", "packed-refs", "logs/refs/exps/celery/stash", "logs/refs/exps/celery/failed")) {
      b.append(mtime(gitDir.resolve(f))).append(',');
    }
    for (String d : List.of("refs/exps", "refs/heads")) {
      Path dir = gitDir.resolve(d);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.walk(dir, 6)) {
          s.sorted().forEach(p -> b.append(p.getFileName()).append(mtime(p)).append(','));
        }
      }
    }
    return b.toString();
  }

  private String pipelineStamp() {
    StringBuilder b = new StringBuilder();
    for (String f : List.of("dvc.yaml", "dvc.lock", "params.yaml")) {
      b.append(mtime(root.resolve(f))).append(',');
    }
    return b.toString();
  }

  private static long mtime(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis() * 31 + Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    send("closed");
  }
}
