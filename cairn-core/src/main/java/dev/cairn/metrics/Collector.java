package dev.cairn.metrics;

import dev.cairn.format.StructuredFiles;
import dev.cairn.revision.ProjectFilesLocator;
import dev.cairn.revision.RevisionFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the metrics or params of one revision into a {@link RevisionResult}, as DVC's {@code
 * metrics show} / {@code params show} gather them: a file error stays with that file, a pipeline
 * file error makes the whole revision an error, nothing throws.
 */
public final class Collector {
  private Collector() {}

  /**
   * The metrics of one revision.
   *
   * @param revision the label used in results ({@code "workspace"}, a branch name, ...)
   * @param targets explicit files or directories (as {@code dvc metrics show targets...}); when
   *     empty, the files that {@code locator} finds
   */
  public static RevisionResult metrics(String revision, RevisionFiles files, ProjectFilesLocator locator,
      List<String> targets) {
    List<String> paths;
    if (!targets.isEmpty()) {
      paths = targets.stream().map(RevisionFiles::normalize).toList();
    } else {
      try {
        paths = locator.locate(files).metrics();
      } catch (IOException | RuntimeException e) {
        return RevisionResult.ofError(revision, pipelineError(e));
      }
    }
    Map<String, FileResult> out = new LinkedHashMap<>();
    for (String p : expand(files, paths)) {
      StructuredReader.Parsed parsed = StructuredReader.read(files, p);
      if (parsed.error() != null) {
        out.put(p, FileResult.ofError(parsed.error()));
      } else {
        Object m = extractMetrics(parsed.value());
        out.put(p, FileResult.ofData(PyValues.truthy(m) ? m : new LinkedHashMap<String, Object>()));
      }
    }
    return RevisionResult.ofFiles(revision, out);
  }

  /**
   * The params of one revision: the files and keys {@code locator} finds (or {@code targets},
   * each read whole), values nested as in the files, lists kept.
   */
  public static RevisionResult params(String revision, RevisionFiles files, ProjectFilesLocator locator,
      List<String> targets) {
    Map<String, List<String>> spec = new LinkedHashMap<>();
    if (!targets.isEmpty()) {
      targets.forEach(t -> spec.put(RevisionFiles.normalize(t), List.of()));
    } else {
      try {
        spec.putAll(locator.locate(files).params());
      } catch (IOException | RuntimeException e) {
        return RevisionResult.ofError(revision, pipelineError(e));
      }
    }
    Map<String, FileResult> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : spec.entrySet()) {
      for (String p : expand(files, List.of(e.getKey()))) {
        StructuredReader.Parsed parsed = StructuredReader.read(files, p);
        if (parsed.error() != null) {
          out.put(p, FileResult.ofError(parsed.error()));
        } else {
          out.put(p, FileResult.ofData(selectKeys(parsed.value(), e.getValue())));
        }
      }
    }
    return RevisionResult.ofFiles(revision, out);
  }

  private static ReadError pipelineError(Exception e) {
    String type = e instanceof StructuredFiles.ParseException ? "YAMLSyntaxError" : e.getClass().getSimpleName();
    return new ReadError(type, String.valueOf(e.getMessage()));
  }

  /** Directories become the files inside them; duplicates are dropped, order kept. */
  static List<String> expand(RevisionFiles files, List<String> paths) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String p : paths) {
      List<String> inside = List.of();
      try {
        inside = files.list(p);
      } catch (IOException e) {
        // an unreadable directory reads as a file, which then reports the error
      }
      if (inside.isEmpty()) {
        out.add(p);
      } else {
        out.addAll(inside);
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * DVC's {@code _extract_metrics}: keeps numbers, bools and strings; drops lists, nulls and maps
   * left empty. Returns {@code null} for a value with nothing to keep.
   */
  public static Object extractMetrics(Object v) {
    if (v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    if (!(v instanceof Map<?, ?> m)) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object x = extractMetrics(e.getValue());
      if (x != null && !(x instanceof Map<?, ?> xm && xm.isEmpty())) {
        out.put(String.valueOf(e.getKey()), x);
      }
    }
    return out;
  }

  /**
   * The subset of {@code config} at the dotted {@code keyPaths}, nested as in the file (DVC's
   * {@code dpath.search} + merge); all of it when {@code keyPaths} is empty. Missing keys are
   * skipped.
   */
  @SuppressWarnings("unchecked")
  static Object selectKeys(Object config, List<String> keyPaths) {
    if (keyPaths.isEmpty() || !(config instanceof Map<?, ?>)) {
      return config;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String kp : new LinkedHashSet<>(keyPaths)) {
      String[] parts = kp.split("\\.");
      Object cur = config;
      boolean found = true;
      for (String part : parts) {
        if (cur instanceof Map<?, ?> m && m.containsKey(part)) {
          cur = m.get(part);
        } else {
          found = false;
          break;
        }
      }
      if (!found) {
        continue;
      }
      Map<String, Object> node = out;
      for (int i = 0; i < parts.length - 1; i++) {
        Object next = node.get(parts[i]);
        if (!(next instanceof Map<?, ?>)) {
          next = new LinkedHashMap<String, Object>();
          node.put(parts[i], next);
        }
        node = (Map<String, Object>) next;
      }
      node.put(parts[parts.length - 1], cur);
    }
    return out;
  }
}
