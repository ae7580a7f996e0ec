package dev.cairn.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status of one stage, as {@code dvc status} reports it.
 *
 * @param address the stage address
 * @param changedDeps repo path → {@code "modified" | "deleted" | "new"}, or for params files either such
 *     a string or a map key → status; in dep order (file deps, then params)
 * @param changedOuts repo path → {@code "not in cache" | "deleted" | "modified" | "new"}
 * @param alwaysChanged the stage is always_changed or a callback
 * @param commandChanged the resolved cmd differs from the lock's
 * @param frozen the stage is frozen (its deps were not checked)
 */
public record StageStatus(String address, Map<String, Object> changedDeps, Map<String, String> changedOuts,
    boolean alwaysChanged, boolean commandChanged, boolean frozen) {
  public StageStatus {
    changedDeps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changedDeps));
    changedOuts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changedOuts));
  }

  /** Whether nothing is reported for this stage. */
  public boolean isEmpty() {
    return changedDeps.isEmpty() && changedOuts.isEmpty() && !alwaysChanged && !commandChanged;
  }

  /**
   * Whether {@code repro} must run the stage (without {@code --force}): cmd changed, or (not frozen and
   * (always changed, callback or a changed dep)), or a changed out.
   */
  public boolean mustRun() {
    return commandChanged || (!frozen && (alwaysChanged || !changedDeps.isEmpty())) || !changedOuts.isEmpty();
  }

  /** DVC's JSON value for the stage: the list of changes in fixed order (empty when up to date). */
  public List<Object> toJson() {
    List<Object> out = new ArrayList<>();
    if (!changedDeps.isEmpty()) {
      out.add(Map.of("changed deps", changedDeps));
    }
    if (!changedOuts.isEmpty()) {
      out.add(Map.of("changed outs", changedOuts));
    }
    if (alwaysChanged) {
      out.add("always changed");
    }
    if (commandChanged) {
      out.add("changed command");
    }
    return out;
  }

  /** {@code {address: [...]}} for every non-empty status, in the given order. */
  public static Map<String, Object> toJson(List<StageStatus> statuses) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (StageStatus s : statuses) {
      if (!s.isEmpty()) {
        m.put(s.address(), s.toJson());
      }
    }
    return m;
  }

  /**
   * {@code dvc status} text: stage name and {@code :}, groups indented one tab, items two tabs as
   * {@code <status>:} padded to 20 columns then the path; "Data and pipelines are up to date." when
   * nothing changed. Every line ends with {@code \n}.
   */
  public static String render(List<StageStatus> statuses) {
    Map<String, Object> json = toJson(statuses);
    if (json.isEmpty()) {
      return "Data and pipelines are up to date.\n";
    }
    StringBuilder sb = new StringBuilder();
    show(json, 0, sb);
    return sb.toString();
  }

  private static void show(Object status, int indent, StringBuilder sb) {
    String ind = "\t".repeat(indent);
    if (status instanceof String s) {
      sb.append(ind).append(s).append('\n');
    } else if (status instanceof List<?> l) {
      for (Object o : l) {
        show(o, indent, sb);
      }
    } else if (status instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() instanceof String v) {
          sb.append(ind).append(String.format("%-20s", v + ":")).append(e.getKey()).append('\n');
        } else if (e.getValue() instanceof Map<?, ?> vm && vm.isEmpty()
            || e.getValue() instanceof List<?> vl && vl.isEmpty()) {
          continue;
        } else {
          sb.append(ind).append(e.getKey()).append(":\n");
          show(e.getValue(), indent + 1, sb);
        }
      }
    }
  }
}
