package dev.cairn.queue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One experiment of the queue as {@code queue status} shows it.
 *
 * @param rev the entry's commit (the stash commit), full SHA: the task id; {@code queue} commands
 *     accept any unique prefix of it, or the name
 * @param name the experiment name (empty for an entry DVC queued without one, until it runs)
 * @param baseline the baseline commit, full SHA
 * @param created when the entry was queued (its commit time)
 * @param state where it is
 * @param params the {@code -S} overrides it was queued with, as typed
 * @param executor the executor that took it ({@code local}, {@code slurm}, …), or null while queued
 * @param jobId the engine's job id (Slurm's), or null
 * @param jobState the engine's own state of the job ({@code PENDING (Resources)}, {@code RUNNING},
 *     {@code CANCELLED}, …), or null
 * @param reason for a failed task, one line: why; otherwise null
 * @param ref for a successful task, the experiment's full ref; otherwise null
 * @param log the task's output log, or null when it has none (yet)
 */
public record Task(String rev, String name, String baseline, Instant created, TaskState state, List<String> params,
    String executor, String jobId, String jobState, String reason, String ref, Path log) {
  public Task {
    Objects.requireNonNull(rev, "rev");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    params = List.copyOf(params);
  }

  /** The first 7 characters of {@link #rev()}, as DVC prints task ids. */
  public String shortRev() {
    return rev.substring(0, Math.min(7, rev.length()));
  }

  /** The name, or the short rev when there is none. */
  public String label() {
    return name.isEmpty() ? shortRev() : name;
  }

  /** The {@code --json} form (keys in this order). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rev", rev);
    m.put("name", name);
    m.put("baseline", baseline);
    m.put("created", created == null ? null : created.toString());
    m.put("status", state.label());
    m.put("params", params);
    m.put("executor", executor);
    m.put("job_id", jobId);
    m.put("job_state", jobState);
    m.put("reason", reason);
    m.put("ref", ref);
    m.put("log", log == null ? null : log.toString());
    return m;
  }
}
