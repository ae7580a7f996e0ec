package dev.cairn.repro;

import java.util.List;

/**
 * The result of a repro run: one outcome per planned stage, in plan order (dependencies first).
 */
public record ReproResult(List<StageOutcome> outcomes) {
  public ReproResult {
    outcomes = List.copyOf(outcomes);
  }

  /** Addresses of the stages with this outcome, in plan order. */
  public List<String> stages(StageOutcome.Kind kind) {
    return outcomes.stream().filter(o -> o.kind() == kind).map(StageOutcome::stage).toList();
  }

  /** The failed stages, in plan order. */
  public List<StageOutcome> failures() {
    return outcomes.stream().filter(o -> o.kind() == StageOutcome.Kind.FAILED).toList();
  }

  /** Whether any stage was reproduced (ran, restored from the run-cache or verified). */
  public boolean anyReproduced() {
    return outcomes.stream().anyMatch(StageOutcome::reproduced);
  }
}
