package dev.cairn.ui;

import dev.cairn.exp.ExpRunResult;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The background runs the dashboard started, with their logs; thread-safe. */
final class Jobs {
  private static final int MAX_LINES = 2000;
  private static final int MAX_JOBS = 20;

  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicLong version = new AtomicLong();
  private final Deque<Job> jobs = new ArrayDeque<>();

  /** One background run. */
  final class Job {
    final int id;
    final String title;
    final List<String> names;
    final int parallel;
    final Instant started = Instant.now();
    private final Deque<String> lines = new ArrayDeque<>();
    private String stage;
    private String failedStage;
    private Instant finished;
    private String error;
    private List<String> done = List.of();
    private List<Map<String, Object>> failed = List.of();

    private Job(int id, String title, List<String> names, int parallel) {
      this.id = id;
      this.title = title;
      this.names = List.copyOf(names);
      this.parallel = parallel;
    }

    void log(String stageName, String line) {
      synchronized (this) {
        if (stageName != null) {
          stage = stageName;
        }
        lines.addLast(line);
        while (lines.size() > MAX_LINES) {
          lines.removeFirst();
        }
      }
      version.incrementAndGet();
    }

    void finish(ExpRunResult r, String errorMessage) {
      synchronized (this) {
        finished = Instant.now();
        error = errorMessage;
        if (r != null) {
          done = r.experiments().stream().map(ExpRunResult.Experiment::name).toList();
          List<Map<String, Object>> f = new ArrayList<>();
          for (ExpRunResult.Failed x : r.failed()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", x.name());
            m.put("baseline", x.baseline());
            m.put("exit_code", x.exitCode());
            m.put("error", x.message());
            f.add(m);
          }
          failed = f;
        }
        if (errorMessage != null) {
          failedStage = stage;
        }
      }
      version.incrementAndGet();
    }

    synchronized boolean running() {
      return finished == null;
    }

    synchronized Map<String, Object> toJson(boolean withLog) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("title", title);
      m.put("experiments", names);
      m.put("jobs", parallel);
      m.put("state", finished == null ? "running" : error == null ? "done" : "failed");
      m.put("stage", stage);
      m.put("failed_stage", failedStage);
      m.put("started", started.toString());
      m.put("finished", finished == null ? null : finished.toString());
      m.put("error", error);
      m.put("done", done);
      m.put("failed", failed);
      if (withLog) {
        m.put("log", new ArrayList<>(lines));
      }
      return m;
    }
  }

  Job start(String title, List<String> names, int parallel) {
    Job j = new Job(ids.incrementAndGet(), title, names, parallel);
    synchronized (jobs) {
      if (jobs.stream().anyMatch(Job::running)) {
        throw new IllegalStateException("A queue run is already in progress; wait for it to finish");
      }
      jobs.addFirst(j);
      while (jobs.size() > MAX_JOBS) {
        jobs.removeLast();
      }
    }
    version.incrementAndGet();
    return j;
  }

  /** The jobs, newest first. */
  List<Job> list() {
    synchronized (jobs) {
      return new ArrayList<>(jobs);
    }
  }

  Job get(int id) {
    synchronized (jobs) {
      return jobs.stream().filter(j -> j.id == id).findFirst().orElse(null);
    }
  }

  /** The running job, or null. */
  Job running() {
    synchronized (jobs) {
      return jobs.stream().filter(Job::running).findFirst().orElse(null);
    }
  }

  /** Changes whenever a job starts, logs or ends. */
  long version() {
    return version.get();
  }
}
