package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A distributed engine that runs queued experiments as jobs (Slurm today; Kubernetes Jobs would be
 * another): the queue hands it one job per entry, each running the same worker script ({@link
 * WorkerScript}: clone the entry from the Git remote, {@code cairn queue exec}, push the
 * experiment), and asks it for their states. The engine schedules; Cairn only submits, polls,
 * cancels and collects. Implementations are found by {@link BatchEngineProvider#name()} through
 * {@link java.util.ServiceLoader}.
 *
 * <p>Implementations are used from one thread at a time. Every method reports an engine that
 * cannot be reached or refuses a request as a {@link CairnException} of kind {@code FAILED} whose
 * message names the engine's command and its error line.
 */
public interface BatchEngine {
  /** The executor name, as given to {@code --executor} and under {@code executors:} in {@code cairn.yaml}. */
  String name();

  /**
   * Submits one job.
   *
   * @param job what to run and where its output goes
   * @return the engine's job id
   * @throws CairnException (failed) when the engine refuses the job or cannot be reached
   */
  String submit(JobRequest job) throws CairnException;

  /**
   * The states of these jobs. A job the engine no longer knows (its record aged out, no accounting)
   * is absent from the result; the queue then decides from what the job pushed.
   *
   * @param jobIds ids {@link #submit} returned
   * @return id → state, for the jobs the engine knows
   */
  Map<String, JobStatus> poll(Collection<String> jobIds) throws CairnException;

  /**
   * Cancels a job: it stops if running, or never starts. Cancelling a job that has already ended is
   * not an error.
   *
   * @param force kill at once instead of asking it to stop (the engine's graceful signal first)
   */
  void cancel(String jobId, boolean force) throws CairnException;

  /**
   * The ids of the jobs named {@code jobName} that the engine knows, for a submission whose id was
   * never recorded (the submitting process died right after submitting).
   */
  List<String> findByName(String jobName) throws CairnException;
}
