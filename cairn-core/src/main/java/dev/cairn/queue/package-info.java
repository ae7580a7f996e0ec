/**
 * The experiment queue and the executors that run it: what {@code queue status|logs|remove|kill|
 * start|stop} and {@code exp run --run-all} work on. The entries themselves are DVC's ({@code
 * refs/exps/celery/stash}, failed ones under {@code refs/exps/celery/failed}, see {@link
 * dev.cairn.exp.ExpQueue}); this package adds a task record per entry that has been taken by an
 * executor ({@code .dvc/tmp/exps/run/<rev>/cairn-task.json}: which executor, the engine's job id,
 * the log, the outcome) and runs the entries:
 *
 * <ul>
 *   <li>{@code local} ({@link LocalRunner}): each entry in its own temp workspace of this
 *       repository, in this process ({@code exp run --run-all}) or in a background worker process
 *       ({@code queue start});
 *   <li>batch engines ({@link BatchEngine}, found by name through {@link BatchEngineProvider} and
 *       {@link java.util.ServiceLoader}; {@code slurm} is built in): each entry becomes one job
 *       running the same worker script ({@link WorkerScript}), which clones the entry from a Git
 *       remote, runs {@code cairn queue exec} and pushes the experiment back; the submitting side
 *       records the job id and reconciles the records with the engine whenever the queue is read.
 * </ul>
 *
 * <p>An entry stays in the queue until its outcome is known: a runner that dies loses nothing, and
 * the next reader of the queue finds the entry queued again (local) or asks the engine (batch).
 * Every change of the queue and of the records happens under the queue lock ({@link
 * dev.cairn.exp.ExpQueue#lock}).
 */
package dev.cairn.queue;
