package dev.cairn.exp;

import dev.cairn.format.YamlWriter;
import dev.cairn.format.YamlReaders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Replaces scalars in YAML text in place, leaving every other byte (comments, quoting, layout)
 * alone: the position of each scalar comes from SnakeYAML Engine's node marks.
 */
final class YamlSplicer {
  private YamlSplicer() {}

  /**
   * The text with each splice's scalar replaced; null when some splice cannot be done in place
   * (block scalar, alias, multi-line value, a flow context the new text would break), so the
   * caller rewrites the whole file instead.
   */
  static String splice(String text, List<ParamsEditor.Splice> splices) {
    Optional<Node> root;
    try {
      root = new Compose(LoadSettings.builder().setUseMarks(true).build()).composeReader(YamlReaders.of(text));
    } catch (YamlEngineException | IllegalArgumentException e) {
      return null;
    }
    if (root.isEmpty()) {
      return null;
    }
    record Edit(int start, int end, String replacement) {}
    List<Edit> edits = new ArrayList<>();
    for (ParamsEditor.Splice s : splices) {
      Node n = root.get();
      boolean flow = false;
      for (Object part : s.path()) {
        flow |= isFlow(n);
        n = child(n, part);
        if (n == null) {
          return null;
        }
      }
      if (!(n instanceof ScalarNode sn) || sn.getScalarStyle() == ScalarStyle.LITERAL
          || sn.getScalarStyle() == ScalarStyle.FOLDED) {
        return null;
      }
      Optional<Mark> start = n.getStartMark();
      Optional<Mark> end = n.getEndMark();
      String replacement = scalarText(s.value());
      if (start.isEmpty() || end.isEmpty() || replacement.contains("\n")
          || flow && replacement.chars().anyMatch(c -> ",[]{}#".indexOf(c) >= 0)) {
        return null;
      }
      // marks count code points
      int from = text.offsetByCodePoints(0, start.get().getIndex());
      int to = text.offsetByCodePoints(0, end.get().getIndex());
      for (Edit e : edits) {
        if (e.start() == from) {
          return null; // the same key twice: let the rewrite apply them in order
        }
      }
      edits.add(new Edit(from, to, replacement));
    }
    edits.sort(Comparator.comparingInt(Edit::start).reversed());
    StringBuilder sb = new StringBuilder(text);
    for (Edit e : edits) {
      sb.replace(e.start(), e.end(), e.replacement());
    }
    return sb.toString();
  }

  private static boolean isFlow(Node n) {
    return n instanceof MappingNode m && m.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW
        || n instanceof SequenceNode q && q.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW;
  }

  private static Node child(Node n, Object part) {
    if (n instanceof MappingNode m) {
      Node found = null;
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(String.valueOf(part))) {
          found = t.getValueNode(); // the last one wins, as in a loaded map
        }
      }
      return found;
    }
    if (n instanceof SequenceNode q && part instanceof Integer i && i >= 0 && i < q.getValue().size()) {
      return q.getValue().get(i);
    }
    return null;
  }

  /** A scalar as DVC's ruamel dumper writes it in block context ({@code 0.1}, {@code 'yes'}, {@code 1e-05}). */
  static String scalarText(Object v) {
    if (v == null) {
      return "null";
    }
    String doc = YamlWriter.write(List.of(v)); // "- <scalar>\n"
    String s = doc.substring(2);
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
