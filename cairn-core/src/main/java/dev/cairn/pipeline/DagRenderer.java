package dev.cairn.pipeline;

import dev.cairn.format.CodePointOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders the stage graph as {@code dvc dag} does: DVC's ASCII drawing of boxes and edges, Mermaid
 * ({@code --mermaid}, {@code --md}) or Graphviz DOT ({@code --dot}), of stages or ({@code --outs})
 * of outputs.
 */
public final class DagRenderer {
  private DagRenderer() {}

  /**
   * A graph to draw.
   *
   * @param nodes the node labels, in order
   * @param edges (dependency, dependent) pairs of labels, in order
   */
  public record Graph(List<String> nodes, List<Map.Entry<String, String>> edges) {
    public Graph {
      nodes = List.copyOf(new LinkedHashSet<>(nodes));
      edges = List.copyOf(new LinkedHashSet<>(edges));
    }

    /** The weakly connected components, each in node order; ordered by their first node. */
    public List<Graph> components() {
      Map<String, List<String>> adj = new LinkedHashMap<>();
      nodes.forEach(n -> adj.put(n, new ArrayList<>()));
      for (Map.Entry<String, String> e : edges) {
        adj.get(e.getKey()).add(e.getValue());
        adj.get(e.getValue()).add(e.getKey());
      }
      Set<String> seen = new HashSet<>();
      List<Graph> out = new ArrayList<>();
      for (String n : nodes) {
        if (seen.contains(n)) {
          continue;
        }
        Set<String> members = reach(List.of(n), adj);
        seen.addAll(members);
        out.add(restrict(members));
      }
      return out;
    }

    /**
     * What {@code dvc dag <target>} shows: the targets with everything upstream of them, within
     * their connected component; with {@code full}, their whole connected components.
     */
    public Graph around(Collection<String> targets, boolean full) {
      Graph g = this;
      if (!full) {
        Map<String, List<String>> up = new LinkedHashMap<>();
        nodes.forEach(n -> up.put(n, new ArrayList<>()));
        edges.forEach(e -> up.get(e.getValue()).add(e.getKey()));
        g = restrict(reach(List.copyOf(targets), up));
      }
      Set<String> keep = new HashSet<>();
      for (Graph c : g.components()) {
        if (c.nodes().stream().anyMatch(targets::contains)) {
          keep.addAll(c.nodes());
        }
      }
      return g.restrict(keep);
    }

    private Graph restrict(Set<String> keep) {
      return new Graph(nodes.stream().filter(keep::contains).toList(),
          edges.stream().filter(e -> keep.contains(e.getKey()) && keep.contains(e.getValue())).toList());
    }

    private static Set<String> reach(List<String> from, Map<String, List<String>> next) {
      Set<String> out = new LinkedHashSet<>();
      List<String> work = new ArrayList<>(from);
      while (!work.isEmpty()) {
        String a = work.remove(work.size() - 1);
        if (next.containsKey(a) && out.add(a)) {
          work.addAll(next.get(a));
        }
      }
      return out;
    }
  }

  /** The stages of a graph, each labelled by {@code label}. */
  public static Graph stages(Dag dag, Function<Stage, String> label) {
    List<String> nodes = new ArrayList<>();
    for (Stage s : dag.stages()) {
      nodes.add(label.apply(s));
    }
    List<Map.Entry<String, String>> edges = new ArrayList<>();
    for (Map.Entry<String, String> e : dag.edges()) {
      edges.add(Map.entry(label.apply(dag.stage(e.getKey())), label.apply(dag.stage(e.getValue()))));
    }
    return new Graph(nodes, edges);
  }

  /**
   * DVC's graph of outputs ({@code dvc dag --outs}): one node per output of every stage, and an edge
   * from each output a stage's dependency overlaps to each output of that stage.
   *
   * @param label the label of an output, from its repo-relative path
   */
  public static Graph outputs(Dag dag, Function<String, String> label) {
    List<String> nodes = new ArrayList<>();
    Map<String, String> ownerOf = new HashMap<>();
    for (Stage s : dag.stages()) {
      for (Out o : s.outs()) {
        String p = s.repoPath(o.path());
        nodes.add(label.apply(p));
        ownerOf.put(p, s.address());
      }
    }
    List<Map.Entry<String, String>> edges = new ArrayList<>();
    for (Stage s : dag.stages()) {
      List<String> deps = new ArrayList<>();
      s.deps().forEach(d -> deps.add(s.repoPath(d)));
      s.params().forEach(p -> deps.add(s.repoPath(p)));
      for (String d : deps) {
        for (Map.Entry<String, String> o : ownerOf.entrySet()) {
          if (!o.getValue().equals(s.address()) && Paths.overlap(d, o.getKey())) {
            for (Out mine : s.outs()) {
              edges.add(Map.entry(label.apply(o.getKey()), label.apply(s.repoPath(mine.path()))));
            }
          }
        }
      }
    }
    edges.sort((a, b) -> Integer.compare(nodes.indexOf(a.getKey()), nodes.indexOf(b.getKey())));
    return new Graph(nodes, edges);
  }

  /** DVC's ASCII drawing of a graph's stages by address (see {@link #text(Graph)}). */
  public static String text(Dag dag) {
    return text(stages(dag, Stage::address));
  }

  /**
   * DVC's ASCII drawing: each connected component in turn, each node a box, edges of {@code *}
   * from a dependency above to its dependents below; empty for an empty graph.
   */
  public static String text(Graph g) {
    StringBuilder sb = new StringBuilder();
    for (Graph c : g.components()) {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < c.nodes().size(); i++) {
        index.put(c.nodes().get(i), i);
      }
      List<int[]> edges = new ArrayList<>();
      for (Map.Entry<String, String> e : c.edges()) {
        edges.add(new int[] {index.get(e.getKey()), index.get(e.getValue())});
      }
      sb.append(AsciiDag.draw(c.nodes(), edges)).append('\n');
    }
    return sb.toString();
  }

  /** {@link #mermaid(Graph, boolean)} of a graph's stages by address. */
  public static String mermaid(Dag dag, boolean markdown) {
    return mermaid(stages(dag, Stage::address), markdown);
  }

  /** DVC's Mermaid flowchart: per connected component, the nodes sorted by label, then the sorted edges. */
  public static String mermaid(Graph graph, boolean markdown) {
    StringBuilder g = new StringBuilder("flowchart TD");
    int total = 0;
    for (Graph pipeline : graph.components()) {
      List<String> nodes = new ArrayList<>(pipeline.nodes());
      nodes.sort(CodePointOrder.INSTANCE);
      Map<String, String> ids = new LinkedHashMap<>();
      for (String n : nodes) {
        total++;
        String id = "node" + total;
        g.append("\n\t").append(id).append("[\"").append(n).append("\"]");
        ids.put(n, id);
      }
      List<Map.Entry<String, String>> edges = new ArrayList<>(pipeline.edges());
      edges.sort((x, y) -> {
        int c = CodePointOrder.INSTANCE.compare(x.getKey(), y.getKey());
        return c != 0 ? c : CodePointOrder.INSTANCE.compare(x.getValue(), y.getValue());
      });
      for (Map.Entry<String, String> e : edges) {
        g.append("\n\t").append(ids.get(e.getKey())).append("-->").append(ids.get(e.getValue()));
      }
    }
    String s = g.toString();
    return markdown ? "```mermaid\n" + s + "\n```" : s;
  }

  /** {@link #dot(Graph)} of a graph's stages by address. */
  public static String dot(Dag dag) {
    return dot(stages(dag, Stage::address));
  }

  /** Graphviz DOT: one node line per node, one edge per dependency (dependency -> dependent). */
  public static String dot(Graph g) {
    StringBuilder sb = new StringBuilder("strict digraph  {\n");
    for (String n : g.nodes()) {
      sb.append(quote(n)).append(";\n");
    }
    for (Map.Entry<String, String> e : g.edges()) {
      sb.append(quote(e.getKey())).append(" -> ").append(quote(e.getValue())).append(";\n");
    }
    return sb.append("}\n").toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
