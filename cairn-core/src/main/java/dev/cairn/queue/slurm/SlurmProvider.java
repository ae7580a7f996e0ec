package dev.cairn.queue.slurm;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.BatchEngine;
import dev.cairn.queue.BatchEngineProvider;
import java.util.Map;
import java.util.Set;

/** The {@code slurm} executor's provider (listed in {@code META-INF/services}). */
public final class SlurmProvider implements BatchEngineProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public SlurmProvider() {}

  @Override
  public String name() {
    return "slurm";
  }

  @Override
  public Set<String> keys() {
    return SlurmSettings.KEYS;
  }

  @Override
  public BatchEngine create(Map<String, Object> settings, Map<String, String> env, String label)
      throws CairnException {
    return new SlurmEngine(SlurmSettings.parse(settings, label), env);
  }
}
