package dev.cairn.pipeline;

import dev.cairn.format.CodePointOrder;
import dev.cairn.format.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes stages into {@code dvc.yaml} as {@code dvc stage add} does: DVC's key order (desc, cmd, wdir,
 * deps sorted, params, outs/metrics/plots sorted, frozen, always_changed, meta; empty keys dropped),
 * appended to the existing text without touching the rest of the file (comments, order, style).
 */
public final class DvcYamlWriter {
  private DvcYamlWriter() {}

  /** The stage's definition as {@code dvc stage add} writes it. */
  public static Map<String, Object> stageMap(Stage s) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "desc", s.desc());
    put(m, "cmd", s.cmdIsList() ? s.cmd() : s.cmd().get(0));
    put(m, "wdir", ".".equals(s.wdir()) ? null : s.wdir());
    List<String> deps = new ArrayList<>(s.deps());
    deps.sort(CodePointOrder.INSTANCE);
    put(m, "deps", deps);
    List<ParamDep> ps = new ArrayList<>(s.params());
    ps.sort((a, b) -> CodePointOrder.INSTANCE.compare(a.file(), b.file()));
    List<Object> params = new ArrayList<>();
    for (ParamDep p : ps) {
      List<String> keys = new ArrayList<>(p.keys());
      keys.sort(CodePointOrder.INSTANCE);
      if (!keys.isEmpty() && p.file().equals(ParamDep.DEFAULT_FILE)) {
        params.addAll(0, keys);
      } else {
        // a wholly tracked file is written as {file: null}
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(p.file(), keys.isEmpty() ? null : keys);
        params.add(one);
      }
    }
    put(m, "params", params);
    for (Out.Kind kind : Out.Kind.values()) {
      List<Out> outs = new ArrayList<>();
      for (Out o : s.outs()) {
        if (o.kind() == kind) {
          outs.add(o);
        }
      }
      outs.sort((a, b) -> CodePointOrder.INSTANCE.compare(a.path(), b.path()));
      List<Object> items = new ArrayList<>();
      for (Out o : outs) {
        Map<String, Object> flags = new LinkedHashMap<>();
        put(flags, "desc", o.desc());
        put(flags, "type", o.type());
        put(flags, "labels", o.labels());
        put(flags, "meta", o.meta());
        if (!o.cache()) {
          flags.put("cache", false);
        }
        if (o.persist()) {
          flags.put("persist", true);
        }
        flags.putAll(o.plotProps());
        put(flags, "remote", o.remote());
        if (!o.push()) {
          flags.put("push", false);
        }
        if (flags.isEmpty()) {
          items.add(o.path());
        } else {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put(o.path(), flags);
          items.add(one);
        }
      }
      put(m, kind.key(), items);
    }
    if (s.frozen()) {
      m.put("frozen", true);
    }
    if (s.alwaysChanged()) {
      m.put("always_changed", true);
    }
    put(m, "meta", s.meta());
    return m;
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v == null || v instanceof List<?> l && l.isEmpty() || v instanceof Map<?, ?> mm && mm.isEmpty()
        || v instanceof String str && str.isEmpty()) {
      return;
    }
    m.put(k, v);
  }

  /**
   * Adds the stage to a {@code dvc.yaml} text.
   *
   * @param existing the current file text, or null when there is no file
   * @param force replace a stage of the same name instead of failing
   * @return the new file text
   * @throws PipelineException if the stage exists (without {@code force}) or is parametrised
   */
  public static String addStage(String existing, Stage stage, boolean force) throws PipelineException {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put(stage.name(), stageMap(stage));
    if (existing == null || existing.isBlank()) {
      Map<String, Object> top = new LinkedHashMap<>();
      top.put("stages", one);
      return YamlWriter.write(top);
    }
    String text = existing.endsWith("\n") ? existing : existing + "\n";
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    lines.remove(lines.size() - 1);
    int stagesLine = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("stages:\\s*(#.*)?")) {
        stagesLine = i;
        break;
      }
    }
    if (stagesLine < 0) {
      Map<String, Object> top = new LinkedHashMap<>();
      top.put("stages", one);
      return text + YamlWriter.write(top);
    }
    int end = lines.size();
    int indent = -1;
    int stageStart = -1;
    int stageEnd = -1;
    for (int i = stagesLine + 1; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.stripLeading().startsWith("#")) {
        continue;
      }
      int ind = l.length() - l.stripLeading().length();
      if (ind == 0) {
        end = i;
        break;
      }
      if (indent < 0) {
        indent = ind;
      }
      if (ind == indent) {
        if (stageStart >= 0 && stageEnd < 0) {
          stageEnd = i;
        }
        String key = l.strip();
        String name = key.endsWith(":") ? key.substring(0, key.length() - 1) : key.split(":\\s", 2)[0];
        if (unquote(name).equals(stage.name())) {
          stageStart = i;
        }
      }
    }
    if (indent < 0) {
      indent = 2;
    }
    // trailing blank/comment lines of the block stay after the new stage
    while (end > stagesLine + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).stripLeading().startsWith("#"))
        && (lines.get(end - 1).isBlank() || lines.get(end - 1).length() - lines.get(end - 1).stripLeading().length() == 0)) {
      end--;
    }
    if (stageStart >= 0 && stageEnd < 0) {
      stageEnd = end;
    }
    // comments and blank lines after the replaced stage belong to what follows it
    while (stageStart >= 0 && stageEnd > stageStart + 1
        && (lines.get(stageEnd - 1).isBlank() || lines.get(stageEnd - 1).stripLeading().startsWith("#"))) {
      stageEnd--;
    }
    if (stageStart >= 0 && !force) {
      throw new PipelineException("Stage '" + stage.name() + "' already exists in 'dvc.yaml'; use --force to overwrite it");
    }
    if (stageStart >= 0) {
      String block = String.join("\n", lines.subList(stageStart, stageEnd));
      if (block.contains("foreach:") || block.contains("matrix:") || block.contains("${")) {
        throw new PipelineException("Stage '" + stage.name() + "' is parametrised (foreach/matrix/templating) and "
            + "cannot be overwritten");
      }
    }
    String pad = " ".repeat(indent);
    List<String> blockLines = new ArrayList<>();
    for (String l : YamlWriter.write(one).split("\n")) {
      blockLines.add(pad + l);
    }
    List<String> out = new ArrayList<>(lines);
    if (stageStart >= 0) {
      out.subList(stageStart, stageEnd).clear();
      out.addAll(stageStart, blockLines);
    } else {
      out.addAll(end, blockLines);
    }
    return String.join("\n", out) + "\n";
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
