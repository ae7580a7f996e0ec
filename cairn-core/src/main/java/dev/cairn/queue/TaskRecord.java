package dev.cairn.queue;

/**
 * What the queue knows about an entry an executor has taken, kept as JSON in {@code
 * .dvc/tmp/exps/run/<rev>/cairn-task.json} (written atomically, under the queue lock).
 *
 * @param rev the entry's commit, full SHA
 * @param name the experiment name the run uses
 * @param baseline the baseline commit, full SHA
 * @param executor {@code local} or a batch engine's name
 * @param status {@link #SUBMITTING}, {@link #RUNNING}, {@link #SUCCESS} or {@link #FAILED}
 * @param jobId the engine's job id; for {@code local} null
 * @param jobState the engine's last reported state, or null
 * @param pid for {@code local}, the process running it; otherwise 0
 * @param pidStart that process's start time (epoch ms), so that a reused pid is not taken for it; 0 if unknown
 * @param log the output log, absolute, or null
 * @param reason why it failed, or null
 * @param ref the experiment ref it made, or null
 * @param started when it was taken (epoch ms)
 * @param finished when its outcome was recorded (epoch ms), or 0
 * @param gitUrl for a batch executor, the Git remote the job clones from and pushes to; otherwise null
 */
record TaskRecord(String rev, String name, String baseline, String executor, String status, String jobId,
    String jobState, long pid, long pidStart, String log, String reason, String ref, long started, long finished,
    String gitUrl) {
  static final String SUBMITTING = "submitting";
  static final String RUNNING = "running";
  static final String SUCCESS = "success";
  static final String FAILED = "failed";
  static final String LOCAL = "local";

  boolean active() {
    return SUBMITTING.equals(status) || RUNNING.equals(status);
  }

  boolean local() {
    return LOCAL.equals(executor);
  }

  TaskRecord withJob(String id, String state) {
    return new TaskRecord(rev, name, baseline, executor, RUNNING, id, state, pid, pidStart, log, reason, ref, started,
        finished, gitUrl);
  }

  TaskRecord withLog(String path) {
    return new TaskRecord(rev, name, baseline, executor, status, jobId, jobState, pid, pidStart, path, reason, ref,
        started, finished, gitUrl);
  }

  TaskRecord withState(String state) {
    return new TaskRecord(rev, name, baseline, executor, status, jobId, state, pid, pidStart, log, reason, ref,
        started, finished, gitUrl);
  }

  TaskRecord succeeded(String expRef, String state) {
    return new TaskRecord(rev, name, baseline, executor, SUCCESS, jobId, state, pid, pidStart, log, null, expRef,
        started, System.currentTimeMillis(), gitUrl);
  }

  TaskRecord failed(String why, String state) {
    return new TaskRecord(rev, name, baseline, executor, FAILED, jobId, state, pid, pidStart, log, why, null, started,
        System.currentTimeMillis(), gitUrl);
  }
}
