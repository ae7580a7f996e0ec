package dev.cairn.exp;

import dev.cairn.metrics.ReadError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row source of {@code exp show} (DVC's {@code ExpState}): the workspace, a baseline commit
 * with its experiments, or one experiment commit.
 *
 * @param rev {@code "workspace"} or the full commit SHA
 * @param name the branch/tag name of a baseline, the experiment name of an experiment, or null
 * @param data what was read, null when {@code error} is set
 * @param error why the revision could not be read, or null
 * @param experiments for a baseline, its experiments newest first; null when there are none
 */
public record ExpState(String rev, String name, ExpData data, ReadError error, List<ExpRange> experiments) {
  public ExpState {
    experiments = experiments == null ? null : List.copyOf(experiments);
  }

  /** The experiments, or an empty list. */
  public List<ExpRange> experimentsOrEmpty() {
    return experiments == null ? List.of() : experiments;
  }

  /** DVC's JSON form {@code {"rev", "name", "data", "error", "experiments"}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rev", rev);
    m.put("name", name);
    m.put("data", data == null ? null : data.toJson());
    if (error == null) {
      m.put("error", null);
    } else {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("msg", error.msg());
      e.put("type", error.type());
      m.put("error", e);
    }
    if (experiments == null) {
      m.put("experiments", null);
    } else {
      List<Object> l = new ArrayList<>();
      experiments.forEach(r -> l.add(r.toJson()));
      m.put("experiments", l);
    }
    return m;
  }
}
