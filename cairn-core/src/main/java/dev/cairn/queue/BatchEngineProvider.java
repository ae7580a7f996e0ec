package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import java.util.Map;
import java.util.Set;

/**
 * Makes a {@link BatchEngine} from its section of {@code cairn.yaml} ({@code executors: {<name>:
 * {...}}}). Listed in {@code META-INF/services/dev.cairn.queue.BatchEngineProvider}.
 */
public interface BatchEngineProvider {
  /** The executor name ({@code slurm}). */
  String name();

  /**
   * The keys of its section besides the ones every batch executor has ({@link WorkerSettings#KEYS}).
   */
  Set<String> keys();

  /**
   * Validates the engine's own keys of the section and makes the engine.
   *
   * @param settings the section, keys as written (values as YAML parsed them); may hold the common
   *     keys too, which the provider ignores
   * @param env the environment its commands run with (the engine's own variables, {@code PATH})
   * @param label how errors name the file, e.g. {@code cairn.yaml}
   * @throws CairnException (invalid input) with one line {@code cairn.yaml: executors.<name>.<key>: problem}
   */
  BatchEngine create(Map<String, Object> settings, Map<String, String> env, String label) throws CairnException;
}
