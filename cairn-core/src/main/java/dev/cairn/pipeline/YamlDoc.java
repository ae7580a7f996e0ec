package dev.cairn.pipeline;

import dev.cairn.format.StructuredFiles;
import dev.cairn.format.YamlReaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** A parsed YAML document plus the 1-based line of each mapping key and sequence item, by path. */
final class YamlDoc {
  final Object root;
  private final String text;
  private final String label;
  private Map<String, Integer> lines;

  private YamlDoc(Object root, String text, String label) {
    this.root = root;
    this.text = text;
    this.label = label;
  }

  /** Parses YAML 1.2; a syntax error becomes {@code label:line: malformed YAML: problem; fix the YAML at that line and run again}. */
  static YamlDoc parse(String text, String label) throws PipelineException {
    Object root;
    try {
      root = StructuredFiles.parseYaml(text, label);
    } catch (StructuredFiles.ParseException e) {
      if (e.getCause() instanceof MarkedYamlEngineException me) {
        int line = me.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
        throw PipelineException.at(label, line, null, null, "malformed YAML: " + me.getProblem()
            + "; fix the YAML at that line and run again");
      }
      throw new PipelineException(e.getMessage(), e);
    }
    return new YamlDoc(root, text, label);
  }

  /**
   * {@link #parse(String, String)}, then refuses a mapping key that is not a string (YAML allows
   * {@code 1:}, {@code true:}, {@code null:} and complex keys; DVC's schemas want names) outside the
   * subtrees under the keys in {@code freeForm}, whose values are kept as written.
   */
  static YamlDoc parse(String text, String label, java.util.Set<String> freeForm) throws PipelineException {
    YamlDoc doc = parse(text, label);
    doc.checkKeys(doc.root, "", freeForm, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    return doc;
  }

  private void checkKeys(Object node, String path, java.util.Set<String> freeForm, java.util.Set<Object> seen)
      throws PipelineException {
    if (!(node instanceof Map || node instanceof List) || !seen.add(node)) {
      return;
    }
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw PipelineException.at(label, line(path), null, null, "mapping keys must be strings, found "
              + (e.getKey() == null ? "null" : e.getKey() instanceof Map || e.getKey() instanceof List
              ? "a complex key" : "'" + e.getKey() + "'"));
        }
        if (!freeForm.contains(k)) {
          checkKeys(e.getValue(), child(path, k), freeForm, seen);
        }
      }
    } else {
      List<?> l = (List<?>) node;
      for (int i = 0; i < l.size(); i++) {
        checkKeys(l.get(i), child(path, Integer.toString(i)), freeForm, seen);
      }
    }
  }

  /** Line numbers are only needed for error messages: the document is composed again on first use. */
  private Map<String, Integer> lines() {
    if (lines == null) {
      Map<String, Integer> l = new HashMap<>();
      try {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setSchema(new CoreSchema()).build();
        new Compose(settings).composeReader(YamlReaders.of(text)).ifPresent(n -> walk(n, "", l, 0));
      } catch (RuntimeException e) {
        // line numbers are a convenience; the values are authoritative
        l.clear();
      }
      lines = l;
    }
    return lines;
  }

  private static void walk(Node node, String path, Map<String, Integer> lines, int depth) {
    if (depth > 64) {
      return;
    }
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          String p = child(path, k.getValue());
          k.getStartMark().ifPresent(mark -> lines.putIfAbsent(p, mark.getLine() + 1));
          walk(t.getValueNode(), p, lines, depth + 1);
        }
      }
    } else if (node instanceof SequenceNode s) {
      List<Node> items = s.getValue();
      for (int i = 0; i < items.size(); i++) {
        String p = child(path, Integer.toString(i));
        Node item = items.get(i);
        item.getStartMark().ifPresent(mark -> lines.putIfAbsent(p, mark.getLine() + 1));
        walk(item, p, lines, depth + 1);
      }
    }
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + '\u0000' + key;
  }

  static String path(String... parts) {
    return String.join("\u0000", parts);
  }

  /** The line of the key at {@code path}, or of the nearest enclosing key; 0 if unknown. */
  int line(String path) {
    String p = path;
    while (true) {
      Integer l = lines().get(p);
      if (l != null) {
        return l;
      }
      int cut = p.lastIndexOf('\u0000');
      if (cut < 0) {
        return 0;
      }
      p = p.substring(0, cut);
    }
  }
}
