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
public record ExpRange(List<ExpState> revs, String name, String ref) {
  public ExpRange {
    revs = List.copyOf(revs);
    if (revs.isEmpty()) {
      throw new IllegalArgumentException("an experiment has at least one commit");
    }
  }

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
    m.put("executor", null);
    m.put("name", name);
    return m;
  }
}
