package dev.cairn.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stage graph: stage B depends on stage A when a dep (or params file) of B overlaps an out of A
 * (equal, or one inside the other), paths taken relative to the repo root through each stage's wdir.
 * Building refuses duplicate outputs, overlapping outputs and cycles. The edges, components and
 * renderings show the whole graph; {@link #plan} first cuts the upstream edges of frozen stages, as
 * {@code dvc repro} does. Immutable; iteration orders follow the order of the stages given.
 */
public final class Dag {
  /** Which stages a plan covers, after DVC's {@code repro} flags. */
  public enum Scope {
    /** Targets plus everything upstream (the default). */
    UPSTREAM,
    /** {@code -s}: only the targets. */
    SINGLE,
    /** {@code --downstream}: the targets and everything that depends on them. */
    DOWNSTREAM,
    /** {@code -p}: the whole connected pipelines of the targets. */
    PIPELINE,
    /** {@code -P}: every stage. */
    ALL
  }

  private final List<Stage> stages;
  private final Map<String, Stage> byAddress = new LinkedHashMap<>();
  /** stage address → addresses of the stages it depends on (upstream), in dep order. */
  private final Map<String, List<String>> upstream = new LinkedHashMap<>();
  private final Map<String, List<String>> downstream = new LinkedHashMap<>();

  private Dag(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  /** Builds the graph of the stages of several pipelines. */
  public static Dag of(Collection<Pipeline> pipelines) throws PipelineException {
    List<Stage> all = new ArrayList<>();
    for (Pipeline p : pipelines) {
      all.addAll(p.stages());
    }
    return ofStages(all);
  }

  /** Builds the graph of the given stages (addresses must be unique). */
  public static Dag ofStages(List<Stage> stages) throws PipelineException {
    Dag d = new Dag(stages);
    d.build();
    return d;
  }

  private record OutRef(String path, Stage stage) {}

  private void build() throws PipelineException {
    List<OutRef> outs = new ArrayList<>();
    for (Stage s : stages) {
      if (byAddress.put(s.address(), s) != null) {
        throw new PipelineException("Stage '" + s.address() + "' is defined twice");
      }
      upstream.put(s.address(), new ArrayList<>());
      downstream.put(s.address(), new ArrayList<>());
      for (Out o : s.outs()) {
        String p = s.repoPath(o.path());
        for (OutRef other : outs) {
          if (other.path.equals(p)) {
            throw new PipelineException("Output '" + p + "' is specified in stages '" + other.stage.address()
                + "' and '" + s.address() + "'");
          }
          if (Paths.overlap(other.path, p)) {
            throw new PipelineException("Paths for outs '" + other.path + "' (stage '" + other.stage.address()
                + "') and '" + p + "' (stage '" + s.address() + "') overlap: an output must not be inside another");
          }
        }
        outs.add(new OutRef(p, s));
      }
    }
    for (Stage s : stages) {
      List<String> depPaths = new ArrayList<>();
      for (String d : s.deps()) {
        depPaths.add(s.repoPath(d));
      }
      for (ParamDep p : s.params()) {
        depPaths.add(s.repoPath(p));
      }
      for (String dp : depPaths) {
        for (OutRef o : outs) {
          if (Paths.overlap(dp, o.path)) {
            String from = o.stage.address();
            if (from.equals(s.address())) {
              throw new PipelineException("Stage '" + s.address() + "' depends on its own output '" + o.path
                  + "' (cycle)");
            }
            List<String> up = upstream.get(s.address());
            if (!up.contains(from)) {
              up.add(from);
              downstream.get(from).add(s.address());
            }
          }
        }
      }
    }
    checkCycles();
  }

  private void checkCycles() throws PipelineException {
    Map<String, Integer> state = new LinkedHashMap<>();
    for (String a : upstream.keySet()) {
      List<String> stack = new ArrayList<>();
      List<String> cycle = findCycle(a, state, stack);
      if (cycle != null) {
        StringBuilder sb = new StringBuilder("Pipeline has a cycle: ");
        for (int i = 0; i < cycle.size() - 1; i++) {
          String dependent = cycle.get(i);
          String dependency = cycle.get(i + 1);
          if (i > 0) {
            sb.append(", ");
          }
          sb.append("'").append(dependent).append("' depends on '").append(dependency).append("' through '")
              .append(String.join("', '", sharedPaths(byAddress.get(dependent), byAddress.get(dependency))))
              .append("'");
        }
        throw new PipelineException(sb.toString());
      }
    }
  }

  /** DFS with colours; returns the cycle as a list whose first and last element are the same stage. */
  private List<String> findCycle(String a, Map<String, Integer> state, List<String> stack) {
    Integer st = state.get(a);
    if (st != null && st == 2) {
      return null;
    }
    if (st != null && st == 1) {
      List<String> cyc = new ArrayList<>(stack.subList(stack.indexOf(a), stack.size()));
      cyc.add(a);
      return cyc;
    }
    state.put(a, 1);
    stack.add(a);
    for (String u : upstream.get(a)) {
      List<String> c = findCycle(u, state, stack);
      if (c != null) {
        return c;
      }
    }
    stack.remove(stack.size() - 1);
    state.put(a, 2);
    return null;
  }

  private static List<String> sharedPaths(Stage dependent, Stage dependency) {
    List<String> out = new ArrayList<>();
    for (String d : dependent.deps()) {
      String dp = dependent.repoPath(d);
      for (Out o : dependency.outs()) {
        String op = dependency.repoPath(o.path());
        if (Paths.overlap(dp, op) && !out.contains(dp)) {
          out.add(dp);
        }
      }
    }
    return out;
  }

  /** All stages, in the order given. */
  public List<Stage> stages() {
    return stages;
  }

  /** The stage with this address ({@code name}, or {@code dir/dvc.yaml:name}), or null. */
  public Stage stage(String address) {
    return byAddress.get(address);
  }

  /** Addresses of the stages {@code address} directly depends on. */
  public List<String> upstreamOf(String address) {
    return List.copyOf(upstream.getOrDefault(address, List.of()));
  }

  /** Addresses of the stages that directly depend on {@code address}. */
  public List<String> downstreamOf(String address) {
    return List.copyOf(downstream.getOrDefault(address, List.of()));
  }

  /** Edges as (dependency, dependent) address pairs, in stage order. */
  public List<Map.Entry<String, String>> edges() {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : upstream.entrySet()) {
      for (String u : e.getValue()) {
        out.add(Map.entry(u, e.getKey()));
      }
    }
    return out;
  }

  /**
   * The stages to reproduce, dependencies first: DVC's post-order DFS over the subgraph of the selected
   * stages, started from each of them in stage order (so the order of {@code targets} does not matter).
   *
   * @param targets stage addresses; empty means every stage
   * @throws PipelineException if a target is unknown
   */
  public List<Stage> plan(List<String> targets, Scope scope) throws PipelineException {
    List<String> roots = new ArrayList<>();
    if (targets.isEmpty() || scope == Scope.ALL) {
      roots.addAll(byAddress.keySet());
    } else {
      for (String t : targets) {
        if (!byAddress.containsKey(t)) {
          throw new PipelineException("Stage '" + t + "' not found (known stages: "
              + String.join(", ", byAddress.keySet()) + ")");
        }
        roots.add(t);
      }
    }
    // repro cuts the upstream edges of frozen stages
    Map<String, List<String>> up = new LinkedHashMap<>();
    Map<String, List<String>> down = new LinkedHashMap<>();
    for (String a : byAddress.keySet()) {
      up.put(a, new ArrayList<>());
      down.put(a, new ArrayList<>());
    }
    for (Map.Entry<String, String> e : edges()) {
      if (!byAddress.get(e.getValue()).frozen()) {
        up.get(e.getValue()).add(e.getKey());
        down.get(e.getKey()).add(e.getValue());
      }
    }
    Set<String> selected;
    switch (scope) {
      case SINGLE -> selected = new LinkedHashSet<>(roots);
      case DOWNSTREAM -> selected = closure(roots, down);
      case PIPELINE -> {
        Map<String, List<String>> both = new LinkedHashMap<>();
        for (String a : byAddress.keySet()) {
          List<String> n = new ArrayList<>(up.get(a));
          n.addAll(down.get(a));
          both.put(a, n);
        }
        selected = closure(roots, both);
      }
      case ALL -> selected = new LinkedHashSet<>(byAddress.keySet());
      default -> selected = closure(roots, up);
    }
    // as DVC: a post-order DFS of the selected subgraph, starting from its nodes in stage order
    List<String> order = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String a : byAddress.keySet()) {
      if (selected.contains(a)) {
        postOrder(a, up, selected, seen, order);
      }
    }
    List<Stage> out = new ArrayList<>();
    for (String a : order) {
      out.add(byAddress.get(a));
    }
    return out;
  }

  private static void postOrder(String a, Map<String, List<String>> up, Set<String> selected, Set<String> seen,
      List<String> order) {
    if (!seen.add(a)) {
      return;
    }
    for (String u : up.get(a)) {
      if (selected.contains(u)) {
        postOrder(u, up, selected, seen, order);
      }
    }
    order.add(a);
  }

  private static Set<String> closure(List<String> roots, Map<String, List<String>> next) {
    Set<String> out = new LinkedHashSet<>();
    List<String> work = new ArrayList<>(roots);
    while (!work.isEmpty()) {
      String a = work.remove(work.size() - 1);
      if (out.add(a)) {
        work.addAll(next.get(a));
      }
    }
    return out;
  }

  /** Weakly connected components, each in stage order; components ordered by their first stage. */
  public List<List<String>> pipelines() {
    Map<String, Integer> comp = new LinkedHashMap<>();
    List<List<String>> out = new ArrayList<>();
    for (String a : byAddress.keySet()) {
      if (comp.containsKey(a)) {
        continue;
      }
      Set<String> members = new HashSet<>();
      List<String> work = new ArrayList<>(List.of(a));
      while (!work.isEmpty()) {
        String x = work.remove(work.size() - 1);
        if (members.add(x)) {
          work.addAll(upstream.get(x));
          work.addAll(downstream.get(x));
        }
      }
      List<String> ordered = new ArrayList<>();
      for (String s : byAddress.keySet()) {
        if (members.contains(s)) {
          ordered.add(s);
          comp.put(s, out.size());
        }
      }
      out.add(ordered);
    }
    return out;
  }
}
