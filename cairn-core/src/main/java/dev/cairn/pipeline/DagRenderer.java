package dev.cairn.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders a {@link Dag} as text (an indented tree), Mermaid ({@code dvc dag --mermaid}) or DOT. */
public final class DagRenderer {
  private DagRenderer() {}

  /**
   * An indented tree per pipeline: each source stage, then what depends on it, one level deeper;
   * a stage already printed in that pipeline is shown again with {@code (see above)}.
   */
  public static String text(Dag dag) {
    StringBuilder sb = new StringBuilder();
    for (List<String> pipeline : dag.pipelines()) {
      Set<String> printed = new HashSet<>();
      for (String a : pipeline) {
        if (dag.upstreamOf(a).isEmpty()) {
          tree(dag, a, "", true, true, printed, sb);
        }
      }
    }
    return sb.toString();
  }

  private static void tree(Dag dag, String a, String prefix, boolean last, boolean root, Set<String> printed,
      StringBuilder sb) {
    boolean again = !printed.add(a);
    sb.append(prefix).append(root ? "" : (last ? "└── " : "├── ")).append(a);
    if (again && !dag.downstreamOf(a).isEmpty()) {
      sb.append(" (see above)\n");
      return;
    }
    sb.append('\n');
    List<String> kids = dag.downstreamOf(a);
    String childPrefix = root ? "" : prefix + (last ? "    " : "│   ");
    for (int i = 0; i < kids.size(); i++) {
      tree(dag, kids.get(i), childPrefix, i == kids.size() - 1, false, printed, sb);
    }
  }

  /** DVC's Mermaid flowchart: nodes sorted by name per pipeline, then sorted edges. */
  public static String mermaid(Dag dag, boolean markdown) {
    StringBuilder g = new StringBuilder("flowchart TD");
    int total = 0;
    for (List<String> pipeline : dag.pipelines()) {
      List<String> nodes = new ArrayList<>(pipeline);
      nodes.sort(dev.cairn.format.CodePointOrder.INSTANCE);
      Map<String, String> ids = new LinkedHashMap<>();
      for (String n : nodes) {
        total++;
        String id = "node" + total;
        g.append("\n\t").append(id).append("[\"").append(n).append("\"]");
        ids.put(n, id);
      }
      List<String[]> edges = new ArrayList<>();
      for (Map.Entry<String, String> e : dag.edges()) {
        if (ids.containsKey(e.getKey())) {
          edges.add(new String[] {e.getKey(), e.getValue()});
        }
      }
      edges.sort((x, y) -> {
        int c = dev.cairn.format.CodePointOrder.INSTANCE.compare(x[0], y[0]);
        return c != 0 ? c : dev.cairn.format.CodePointOrder.INSTANCE.compare(x[1], y[1]);
      });
      for (String[] e : edges) {
        g.append("\n\t").append(ids.get(e[0])).append("-->").append(ids.get(e[1]));
      }
    }
    String s = g.toString();
    return markdown ? "```mermaid\n" + s + "\n```" : s;
  }

  /** Graphviz DOT: one node line per stage, one edge per dependency (dependency -> dependent). */
  public static String dot(Dag dag) {
    StringBuilder sb = new StringBuilder("strict digraph  {\n");
    for (Stage s : dag.stages()) {
      sb.append(quote(s.address())).append(";\n");
    }
    for (Map.Entry<String, String> e : dag.edges()) {
      sb.append(quote(e.getKey())).append(" -> ").append(quote(e.getValue())).append(";\n");
    }
    return sb.append("}\n").toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
