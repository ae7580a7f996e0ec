package dev.cairn.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws one connected graph as DVC's {@code dvc dag} does: each node a box of {@code +-|}, edges as
 * lines of {@code *}, dependencies above their dependents. DVC lays the graph out with grandalf's
 * Sugiyama layout; this is a small layered layout of the same family:
 *
 * <ol>
 *   <li>layers by longest path from the sources, each source then moved down to just above its
 *       highest dependent; an edge spanning several layers gets a dummy point in each layer between;
 *   <li>the order within each layer from alternating barycenter sweeps, keeping the order with the
 *       fewest crossings;
 *   <li>x positions by alternating sweeps that place each layer as close as possible (least squares)
 *       to the mean position of its neighbours, keeping the order and a minimum gap (isotonic
 *       regression by pool-adjacent-violators);
 *   <li>lines drawn from box centre to box centre through the dummy points, then the boxes over them.
 * </ol>
 *
 * <p>Boxes are three rows high with three rows between layers, as in DVC's drawing, and the gap
 * between neighbouring boxes is the narrowest box's width, as grandalf's {@code xspace}.
 */
final class AsciiDag {
  private static final int BOX_HEIGHT = 3;
  private static final int LAYER_GAP = 3;
  private static final int SWEEPS = 24;

  private final List<String> labels;
  /** Items per layer, in order; an item is a node index, or a dummy (index >= labels.size()). */
  private final List<List<Integer>> layers = new ArrayList<>();
  private final List<int[]> links = new ArrayList<>();
  private final List<List<Integer>> chains = new ArrayList<>();
  private final Map<Integer, Integer> layerOf = new HashMap<>();
  private final Map<Integer, Integer> widthOf = new HashMap<>();
  private int items;
  private double[] x;

  private AsciiDag(List<String> labels) {
    this.labels = labels;
  }

  /**
   * The drawing of a connected graph, lines joined by {@code \n} without a trailing newline and
   * without trailing spaces.
   *
   * @param labels the node labels
   * @param edges pairs of indexes into {@code labels}: (dependency, dependent)
   */
  static String draw(List<String> labels, List<int[]> edges) {
    AsciiDag d = new AsciiDag(labels);
    d.layer(edges);
    d.order();
    d.place();
    return d.render();
  }

  private int width(int item) {
    return widthOf.getOrDefault(item, 1);
  }

  private boolean isDummy(int item) {
    return item >= labels.size();
  }

  private void layer(List<int[]> edges) {
    int n = labels.size();
    List<List<Integer>> up = new ArrayList<>();
    List<List<Integer>> down = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      up.add(new ArrayList<>());
      down.add(new ArrayList<>());
      widthOf.put(i, labels.get(i).length() + 4);
    }
    for (int[] e : edges) {
      if (!down.get(e[0]).contains(e[1])) {
        down.get(e[0]).add(e[1]);
        up.get(e[1]).add(e[0]);
      }
    }
    int[] rank = new int[n];
    Arrays.fill(rank, -1);
    for (int i = 0; i < n; i++) {
      longest(i, up, rank);
    }
    for (int i = 0; i < n; i++) {
      if (up.get(i).isEmpty() && !down.get(i).isEmpty()) {
        int min = Integer.MAX_VALUE;
        for (int c : down.get(i)) {
          min = Math.min(min, rank[c]);
        }
        rank[i] = min - 1;
      }
    }
    int max = 0;
    for (int r : rank) {
      max = Math.max(max, r);
    }
    for (int l = 0; l <= max; l++) {
      layers.add(new ArrayList<>());
    }
    // first order: depth-first from the sources, in the order the nodes were given
    boolean[] seen = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (up.get(i).isEmpty()) {
        visit(i, down, rank, seen);
      }
    }
    int next = n;
    for (int u = 0; u < n; u++) {
      for (int v : down.get(u)) {
        List<Integer> chain = new ArrayList<>(List.of(u));
        for (int l = rank[u] + 1; l < rank[v]; l++) {
          int dummy = next++;
          layerOf.put(dummy, l);
          layers.get(l).add(dummy);
          chain.add(dummy);
        }
        chain.add(v);
        chains.add(chain);
        for (int k = 1; k < chain.size(); k++) {
          links.add(new int[] {chain.get(k - 1), chain.get(k)});
        }
      }
    }
    items = next;
  }

  private void visit(int i, List<List<Integer>> down, int[] rank, boolean[] seen) {
    if (seen[i]) {
      return;
    }
    seen[i] = true;
    layerOf.put(i, rank[i]);
    layers.get(rank[i]).add(i);
    for (int c : down.get(i)) {
      visit(c, down, rank, seen);
    }
  }

  private static int longest(int i, List<List<Integer>> up, int[] rank) {
    if (rank[i] >= 0) {
      return rank[i];
    }
    int r = 0;
    for (int p : up.get(i)) {
      r = Math.max(r, longest(p, up, rank) + 1);
    }
    rank[i] = r;
    return r;
  }

  private List<Integer> neighbours(int item, boolean above) {
    List<Integer> out = new ArrayList<>();
    for (int[] l : links) {
      if (above && l[1] == item) {
        out.add(l[0]);
      } else if (!above && l[0] == item) {
        out.add(l[1]);
      }
    }
    return out;
  }

  private void order() {
    List<List<Integer>> best = copy(layers);
    int bestCrossings = crossings();
    for (int s = 0; s < SWEEPS && bestCrossings > 0; s++) {
      boolean downward = s % 2 == 0;
      for (int k = 1; k < layers.size(); k++) {
        int l = downward ? k : layers.size() - 1 - k;
        sortByBarycentre(l, downward);
      }
      int c = crossings();
      if (c < bestCrossings) {
        bestCrossings = c;
        best = copy(layers);
      }
    }
    for (int l = 0; l < layers.size(); l++) {
      layers.set(l, best.get(l));
    }
  }

  private void sortByBarycentre(int l, boolean fromAbove) {
    List<Integer> layer = layers.get(l);
    Map<Integer, Double> key = new HashMap<>();
    for (int i = 0; i < layer.size(); i++) {
      int item = layer.get(i);
      List<Integer> ns = neighbours(item, fromAbove);
      if (ns.isEmpty()) {
        key.put(item, (double) i);
        continue;
      }
      List<Integer> ref = layers.get(fromAbove ? l - 1 : l + 1);
      double sum = 0;
      for (int nb : ns) {
        sum += ref.indexOf(nb);
      }
      // scaled so that items without neighbours keep their place among the others
      key.put(item, sum / ns.size() * layer.size() / Math.max(1, ref.size()));
    }
    List<Integer> sorted = new ArrayList<>(layer);
    sorted.sort(Comparator.comparingDouble(key::get));
    layers.set(l, sorted);
  }

  private int crossings() {
    Map<Integer, Integer> pos = new HashMap<>();
    for (List<Integer> layer : layers) {
      for (int i = 0; i < layer.size(); i++) {
        pos.put(layer.get(i), i);
      }
    }
    int c = 0;
    for (int i = 0; i < links.size(); i++) {
      for (int j = i + 1; j < links.size(); j++) {
        int[] a = links.get(i);
        int[] b = links.get(j);
        if (!layerOf.get(a[0]).equals(layerOf.get(b[0]))) {
          continue;
        }
        long d0 = pos.get(a[0]) - pos.get(b[0]);
        long d1 = pos.get(a[1]) - pos.get(b[1]);
        if (d0 * d1 < 0) {
          c++;
        }
      }
    }
    return c;
  }

  private static List<List<Integer>> copy(List<List<Integer>> ls) {
    List<List<Integer>> out = new ArrayList<>();
    for (List<Integer> l : ls) {
      out.add(new ArrayList<>(l));
    }
    return out;
  }

  /** Minimum distance between the centres of two neighbours in a layer. */
  private double gap(int a, int b, int minBox) {
    return (width(a) + width(b)) / 2.0 + (isDummy(a) || isDummy(b) ? Math.max(2, minBox / 2) : minBox);
  }

  private void place() {
    int total = items;
    x = new double[total];
    int minBox = Integer.MAX_VALUE;
    for (int i = 0; i < labels.size(); i++) {
      minBox = Math.min(minBox, width(i));
    }
    for (List<Integer> layer : layers) {
      double cur = 0;
      for (int k = 0; k < layer.size(); k++) {
        if (k > 0) {
          cur += gap(layer.get(k - 1), layer.get(k), minBox);
        }
        x[layer.get(k)] = cur;
      }
    }
    for (int s = 0; s < SWEEPS; s++) {
      boolean downward = s % 2 == 0;
      for (int k = 0; k < layers.size(); k++) {
        int l = downward ? k : layers.size() - 1 - k;
        fit(layers.get(l), s >= SWEEPS - 2 ? null : downward, minBox);
      }
    }
    int min = Integer.MAX_VALUE;
    for (List<Integer> layer : layers) {
      for (int item : layer) {
        min = Math.min(min, left(item));
      }
    }
    for (int i = 0; i < total; i++) {
      x[i] -= min;
    }
  }

  /**
   * Moves a layer's items as close as possible to the mean position of their neighbours (above,
   * below, or both when {@code fromAbove} is null) keeping their order and minimum gaps: with
   * {@code y_i = x_i - offset_i}, the gaps become {@code y_i <= y_{i+1}}, an isotonic regression.
   */
  private void fit(List<Integer> layer, Boolean fromAbove, int minBox) {
    int m = layer.size();
    double[] target = new double[m];
    double[] weight = new double[m];
    double[] offset = new double[m];
    for (int k = 0; k < m; k++) {
      int item = layer.get(k);
      if (k > 0) {
        offset[k] = offset[k - 1] + gap(layer.get(k - 1), item, minBox);
      }
      List<Integer> ns = new ArrayList<>();
      if (fromAbove == null || fromAbove) {
        ns.addAll(neighbours(item, true));
      }
      if (fromAbove == null || !fromAbove) {
        ns.addAll(neighbours(item, false));
      }
      double want = x[item];
      if (!ns.isEmpty()) {
        double sum = 0;
        for (int nb : ns) {
          sum += x[nb];
        }
        want = sum / ns.size();
      }
      // dummies pull harder, so long edges stay straight
      weight[k] = ns.isEmpty() ? 0.01 : isDummy(item) ? 8 : 1;
      target[k] = want - offset[k];
    }
    double[] y = isotonic(target, weight);
    for (int k = 0; k < m; k++) {
      x[layer.get(k)] = y[k] + offset[k];
    }
  }

  /** Weighted least-squares non-decreasing fit (pool adjacent violators). */
  static double[] isotonic(double[] v, double[] w) {
    int n = v.length;
    double[] val = new double[n];
    double[] wt = new double[n];
    int[] len = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      val[blocks] = v[i];
      wt[blocks] = w[i];
      len[blocks] = 1;
      blocks++;
      while (blocks > 1 && val[blocks - 2] > val[blocks - 1]) {
        double tw = wt[blocks - 2] + wt[blocks - 1];
        val[blocks - 2] = (val[blocks - 2] * wt[blocks - 2] + val[blocks - 1] * wt[blocks - 1]) / tw;
        wt[blocks - 2] = tw;
        len[blocks - 2] += len[blocks - 1];
        blocks--;
      }
    }
    double[] out = new double[n];
    int i = 0;
    for (int b = 0; b < blocks; b++) {
      for (int k = 0; k < len[b]; k++) {
        out[i++] = val[b];
      }
    }
    return out;
  }

  private int top(int item) {
    return layerOf.get(item) * (BOX_HEIGHT + LAYER_GAP);
  }

  private int left(int item) {
    return centre(item) - width(item) / 2;
  }

  private int centre(int item) {
    return (int) Math.rint(x[item]);
  }

  private String render() {
    int cols = 1;
    for (List<Integer> layer : layers) {
      for (int item : layer) {
        cols = Math.max(cols, left(item) + width(item));
      }
    }
    int rows = layers.size() * BOX_HEIGHT + (layers.size() - 1) * LAYER_GAP;
    char[][] canvas = new char[rows][cols];
    for (char[] r : canvas) {
      Arrays.fill(r, ' ');
    }
    for (List<Integer> chain : chains) {
      for (int k = 1; k < chain.size(); k++) {
        int a = chain.get(k - 1);
        int b = chain.get(k);
        line(canvas, centre(a), top(a) + 1, centre(b), top(b) + 1);
      }
    }
    for (int i = 0; i < labels.size(); i++) {
      box(canvas, left(i), top(i), width(i), labels.get(i));
    }
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      if (r > 0) {
        sb.append('\n');
      }
      sb.append(new String(canvas[r]).stripTrailing());
    }
    return sb.toString();
  }

  private static void point(char[][] c, int x, int y, char ch) {
    if (y >= 0 && y < c.length && x >= 0 && x < c[y].length) {
      c[y][x] = ch;
    }
  }

  /** A straight line of {@code *}, stepping along the longer axis (as DVC's canvas does). */
  private static void line(char[][] c, int x0, int y0, int x1, int y1) {
    if (x0 > x1) {
      int t = x0;
      x0 = x1;
      x1 = t;
      t = y0;
      y0 = y1;
      y1 = t;
    }
    int dx = x1 - x0;
    int dy = y1 - y0;
    if (Math.abs(dx) >= Math.abs(dy)) {
      for (int xx = x0; xx <= x1; xx++) {
        point(c, xx, dx == 0 ? y0 : y0 + (int) Math.rint((xx - x0) * (double) dy / dx), '*');
      }
    } else if (y0 < y1) {
      for (int yy = y0; yy <= y1; yy++) {
        point(c, x0 + (int) Math.rint((yy - y0) * (double) dx / dy), yy, '*');
      }
    } else {
      for (int yy = y1; yy <= y0; yy++) {
        point(c, x1 + (int) Math.rint((yy - y1) * (double) dx / dy), yy, '*');
      }
    }
  }

  private static void box(char[][] c, int x0, int y0, int w, String label) {
    for (int xx = x0; xx < x0 + w; xx++) {
      char ch = xx == x0 || xx == x0 + w - 1 ? '+' : '-';
      point(c, xx, y0, ch);
      point(c, xx, y0 + 2, ch);
    }
    String mid = "| " + label + " |";
    for (int k = 0; k < mid.length(); k++) {
      point(c, x0 + k, y0 + 1, mid.charAt(k));
    }
  }
}
