package dev.cairn.revision;

import dev.cairn.format.StructuredFiles;
import dev.cairn.pipeline.FileSource;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.ParamDep;
import dev.cairn.pipeline.ParsingOptions;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.PipelineParser;
import dev.cairn.pipeline.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code dvc.yaml} files of a revision as {@code metrics show}, {@code params show} and {@code
 * plots show} need them: stage {@code metrics}, {@code params}, {@code plots} and {@code wdir}, and
 * top-level {@code metrics}, {@code params} and {@code plots}. Each file goes through the pipeline
 * parser, reading {@code params.yaml} and {@code vars} files from the same revision, so templates,
 * {@code foreach} and {@code matrix} are resolved; the stages in {@link DvcYaml#content()} are the
 * resolved ones. A file the pipeline parser refuses (an unknown key, a bad template) is read as it
 * is instead, and entries holding a template are then skipped.
 */
public final class DvcYamlScan implements ProjectFilesLocator {
  /** The name of DVC's default params file. */
  public static final String DEFAULT_PARAMS_FILE = "params.yaml";

  private final boolean stageParamsOnly;

  /** Finds every metric and params file DVC's {@code metrics}/{@code params} commands read. */
  public DvcYamlScan() {
    this(false);
  }

  private DvcYamlScan(boolean stageParamsOnly) {
    this.stageParamsOnly = stageParamsOnly;
  }

  /**
   * A locator whose params are only the stages' params dependencies ({@code params diff --deps}):
   * without the top-level {@code params} of {@code dvc.yaml} and without the whole default {@code
   * params.yaml}.
   */
  public static DvcYamlScan stageParamsOnly() {
    return new DvcYamlScan(true);
  }

  /** One parsed {@code dvc.yaml}: its repo-relative {@code path}, directory and top-level map. */
  public record DvcYaml(String path, String dir, Map<String, Object> content) {}

  /**
   * Loads every {@code dvc.yaml} of the revision (the root one first, then the others in path
   * order).
   *
   * @throws StructuredFiles.ParseException naming the file when one is malformed
   */
  public static List<DvcYaml> loadAll(RevisionFiles files) throws IOException {
    List<String> paths = new ArrayList<>();
    for (String p : files.list("")) {
      if (p.equals("dvc.yaml") || p.endsWith("/dvc.yaml")) {
        paths.add(p);
      }
    }
    if (paths.isEmpty() && files.read("dvc.yaml").isPresent()) {
      paths.add("dvc.yaml");
    }
    paths.sort((a, b) -> a.equals("dvc.yaml") ? -1 : b.equals("dvc.yaml") ? 1 : a.compareTo(b));
    List<DvcYaml> out = new ArrayList<>();
    for (String p : paths) {
      Optional<byte[]> bytes = files.read(p);
      if (bytes.isEmpty()) {
        continue;
      }
      Object o = StructuredFiles.parseYaml(new String(bytes.get(), StandardCharsets.UTF_8), p);
      Map<String, Object> content = new LinkedHashMap<>();
      if (o instanceof Map<?, ?> m) {
        m.forEach((k, v) -> content.put(String.valueOf(k), v));
      } else if (o != null) {
        throw new StructuredFiles.ParseException(p + ": expected a mapping at the top level", null);
      }
      int slash = p.lastIndexOf('/');
      String dir = slash < 0 ? "" : p.substring(0, slash);
      out.add(new DvcYaml(p, dir, resolved(files, new String(bytes.get(), StandardCharsets.UTF_8), dir, content)));
    }
    return out;
  }

  private static final Path REVISION_ROOT = Path.of("/").toAbsolutePath().resolve("revision");

  /**
   * The pipeline of one {@code dvc.yaml} of the revision, resolved by the pipeline parser with the
   * {@code params.yaml} and {@code vars} files of the same revision; empty when the file is missing.
   *
   * @param path the file's repo-relative path ({@code dvc.yaml} or {@code dir/dvc.yaml})
   * @throws PipelineException when the parser refuses the file
   */
  public static Optional<Pipeline> pipeline(RevisionFiles files, String path) throws IOException, PipelineException {
    Optional<byte[]> bytes = files.read(path);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash);
    return Optional.of(parse(files, new String(bytes.get(), StandardCharsets.UTF_8), dir));
  }

  private static Pipeline parse(RevisionFiles files, String text, String dir) throws PipelineException {
    FileSource source = path -> {
      if (!path.startsWith(REVISION_ROOT)) {
        return null;
      }
      String rel = REVISION_ROOT.relativize(path).toString().replace('\\', '/');
      return rel.isEmpty() ? null : files.read(rel).orElse(null);
    };
    return PipelineParser.parse(text, dir.isEmpty() ? REVISION_ROOT : REVISION_ROOT.resolve(dir), dir,
        ParsingOptions.DEFAULTS, source);
  }

  /**
   * The content with {@code stages}, {@code metrics} and {@code params} replaced by what the
   * pipeline parser resolved, or {@code raw} when the parser refuses the file.
   */
  private static Map<String, Object> resolved(RevisionFiles files, String text, String dir,
      Map<String, Object> raw) {
    Pipeline pipeline;
    try {
      pipeline = parse(files, text, dir);
    } catch (PipelineException e) {
      return raw;
    }
    Map<String, Object> content = new LinkedHashMap<>(raw);
    Map<String, Object> stages = new LinkedHashMap<>();
    for (Stage s : pipeline.stages()) {
      Map<String, Object> def = new LinkedHashMap<>();
      def.put("wdir", s.wdir());
      List<Object> params = new ArrayList<>();
      for (ParamDep pd : s.params()) {
        params.add(java.util.Collections.singletonMap(pd.file(), pd.wholeFile() ? List.of() : pd.keys()));
      }
      def.put("params", params);
      List<Object> metrics = new ArrayList<>();
      List<Object> plots = new ArrayList<>();
      for (Out o : s.outs()) {
        if (o.kind() == Out.Kind.METRIC) {
          metrics.add(o.path());
        } else if (o.kind() == Out.Kind.PLOT) {
          plots.add(java.util.Collections.singletonMap(o.path(), o.plotProps()));
        }
      }
      def.put("metrics", metrics);
      def.put("plots", plots);
      stages.put(s.name(), def);
    }
    content.put("stages", stages);
    if (raw.containsKey("metrics")) {
      content.put("metrics", pipeline.metrics());
    }
    if (raw.containsKey("params")) {
      content.put("params", pipeline.params());
    }
    return content;
  }

  /** Joins repo-relative path parts and normalises the result. */
  public static String join(String dir, String path) {
    return RevisionFiles.normalize(dir.isEmpty() ? path : dir + "/" + path);
  }

  static boolean templated(Object s) {
    return s instanceof String str && str.contains("${");
  }

  /** The stages of a {@code dvc.yaml} (name → definition), skipping foreach/matrix stages. */
  public static Map<String, Map<?, ?>> stages(DvcYaml y) {
    Map<String, Map<?, ?>> out = new LinkedHashMap<>();
    if (y.content().get("stages") instanceof Map<?, ?> stages) {
      stages.forEach((name, def) -> {
        if (def instanceof Map<?, ?> d && !d.containsKey("foreach") && !d.containsKey("matrix")) {
          out.put(String.valueOf(name), d);
        }
      });
    }
    return out;
  }

  /** A stage's working directory, repo-relative. */
  public static String wdir(DvcYaml y, Map<?, ?> stage) {
    Object w = stage.get("wdir");
    return w instanceof String s && !templated(s) ? join(y.dir(), s) : y.dir();
  }

  /** Entries of an outs-like list: a string, or a one-key map {path: options}. */
  public static Map<String, Object> outEntries(Object list) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (list instanceof List<?> l) {
      for (Object e : l) {
        if (e instanceof String s && !templated(s)) {
          out.put(s, null);
        } else if (e instanceof Map<?, ?> m) {
          m.forEach((k, v) -> {
            if (!templated(k)) {
              out.put(String.valueOf(k), v);
            }
          });
        }
      }
    }
    return out;
  }

  @Override
  public ProjectFiles locate(RevisionFiles files) throws IOException {
    List<DvcYaml> yamls = loadAll(files);
    LinkedHashSet<String> metrics = new LinkedHashSet<>();
    List<Map.Entry<String, List<String>>> params = new ArrayList<>();
    for (DvcYaml y : yamls) {
      for (Map<?, ?> stage : stages(y).values()) {
        String wdir = wdir(y, stage);
        for (String m : outEntries(stage.get("metrics")).keySet()) {
          metrics.add(join(wdir, m));
        }
        if (stage.get("params") instanceof List<?> ps) {
          for (Object p : ps) {
            if (p instanceof String key && !templated(key)) {
              params.add(Map.entry(join(wdir, DEFAULT_PARAMS_FILE), List.of(key)));
            } else if (p instanceof Map<?, ?> m) {
              m.forEach((file, keys) -> {
                List<String> ks = new ArrayList<>();
                if (keys instanceof List<?> kl) {
                  kl.forEach(k -> ks.add(String.valueOf(k)));
                }
                if (!templated(file)) {
                  params.add(Map.entry(join(wdir, String.valueOf(file)), ks));
                }
              });
            }
          }
        }
      }
    }
    for (DvcYaml y : yamls) {
      if (y.content().get("metrics") instanceof List<?> l) {
        l.stream().filter(s -> s instanceof String && !templated(s))
            .forEach(s -> metrics.add(join(y.dir(), (String) s)));
      }
    }
    if (stageParamsOnly) {
      return new ProjectFiles(new ArrayList<>(metrics), mergeParams(params));
    }
    for (DvcYaml y : yamls) {
      if (y.content().get("params") instanceof List<?> l) {
        l.stream().filter(s -> s instanceof String && !templated(s))
            .forEach(s -> params.add(Map.entry(join(y.dir(), (String) s), List.of())));
      }
    }
    if (files.read(DEFAULT_PARAMS_FILE).isPresent()) {
      params.add(Map.entry(DEFAULT_PARAMS_FILE, List.of()));
    }
    return new ProjectFiles(new ArrayList<>(metrics), mergeParams(params));
  }

  /** DVC's {@code _merge_params}: a file tracked wholly anywhere is tracked wholly; keys are appended. */
  static Map<String, List<String>> mergeParams(List<Map.Entry<String, List<String>>> entries) {
    LinkedHashSet<String> whole = new LinkedHashSet<>();
    entries.forEach(e -> {
      if (e.getValue().isEmpty()) {
        whole.add(e.getKey());
      }
    });
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : entries) {
      List<String> keys = out.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
      if (!whole.contains(e.getKey())) {
        keys.addAll(e.getValue());
      }
    }
    return out;
  }
}
