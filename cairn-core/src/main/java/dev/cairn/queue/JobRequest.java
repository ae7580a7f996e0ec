package dev.cairn.queue;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One job to submit.
 *
 * @param name the job's name: {@code cairn-<rev[0:12]>}, unique per entry, so that {@link
 *     BatchEngine#findByName} finds it again
 * @param script the worker script's text (POSIX sh)
 * @param scriptFile where the script is written before submission
 * @param log where the job's output should go: a file path the job's node can write, in which
 *     {@code %j} stands for the job id
 */
public record JobRequest(String name, String script, Path scriptFile, String log) {
  public JobRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(scriptFile, "scriptFile");
    Objects.requireNonNull(log, "log");
  }

  /** The log path of the job with this id ({@code %j} replaced). */
  public String logOf(String jobId) {
    return log.replace("%j", jobId);
  }
}
