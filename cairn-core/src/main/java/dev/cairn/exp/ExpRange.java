package dev.cairn.exp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment of a baseline (DVC's {@code ExpRange}): its commits from the tip back to (not
 * including) the baseline, tip first; for experiments made by {@code exp run} that is one commit.
 *
 * @param revs the commits, tip first, never empty
 * @param name the experiment name (the last component of its ref)
 * @param ref the full ref name
 */
public record ExpRange(List<ExpState> revs, String name, String ref, Executor executor) {
  public ExpRange {
    revs = List.copyOf(revs);
    if (revs.isEmpty()) {
      throw new IllegalArgumentException("an experiment has at least one commit");
    }
  }

  /** A saved experiment (no executor state). */
  public ExpRange(List<ExpState> revs, String name, String ref) {
    this(revs, name, ref, null);
  }

  /**
   * Where an experiment stands when it is not simply saved (DVC's {@code ExpExecutor}), shown in
   * {@code exp show}'s {@code State} and {@code Executor} columns.
   *
   * @param state {@code queued}, {@code running}, {@code failed} or {@code success}
   * @param name the executor's name, or null
   */
  public record Executor(String state, String name) {}

  /** The tip commit's state. */
  public ExpState tip() {
    return revs.get(0);
  }

  /** DVC's JSON form {@code {"revs": [...], "executor": null, "name": ...}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> l = new ArrayList<>();
    revs.forEach(s -> l.add(s.toJson()));
    m.put("revs", l);
    if (executor == null) {
      m.put("executor", null);
    } else {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("state", executor.state());
      e.put("name", executor.name());
      e.put("local", null);
      m.put("executor", e);
    }
    m.put("name", name);
    return m;
  }
}
