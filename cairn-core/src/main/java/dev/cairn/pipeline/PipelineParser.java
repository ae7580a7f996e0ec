package dev.cairn.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a {@code dvc.yaml} into a resolved {@link Pipeline}: schema checks as DVC's
 * {@code MULTI_STAGE_SCHEMA} (unknown keys refused), templating with {@code params.yaml} and
 * {@code vars}, and {@code foreach}/{@code matrix} expansion with DVC's generated names.
 * Every failure is a {@link PipelineException} naming file, line, stage and key. Not thread-safe per
 * call, but holds no shared state.
 */
public final class PipelineParser {
  static final Set<String> TOP_KEYS = Set.of("stages", "vars", "params", "metrics", "plots", "artifacts", "datasets");
  static final Set<String> STAGE_KEYS = Set.of("cmd", "wdir", "deps", "params", "outs", "metrics", "plots",
      "frozen", "always_changed", "desc", "meta", "vars");
  static final Set<String> OUT_FLAGS = Set.of("cache", "persist", "remote", "push", "desc", "type", "labels", "meta",
      "checkpoint");
  static final Set<String> PLOT_FLAGS = Set.of("template", "x", "y", "x_label", "y_label", "title", "header");
  static final Set<String> TOP_PLOT_KEYS = Set.of("template", "x", "y", "x_label", "y_label", "title");
  static final Set<String> ARTIFACT_KEYS = Set.of("path", "type", "desc", "labels", "meta");
  /** Most stages one {@code foreach} or {@code matrix} may generate (a 10^9 matrix would never finish). */
  static final int MAX_GENERATED = 10_000;
  private static final String INVALID_NAME_CHARS = "!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~";

  private final Path dir;
  private final String relDir;
  private final String file;
  private final ParsingOptions opts;
  private final FileSource files;
  private YamlDoc doc;

  private PipelineParser(Path dir, String relDir, ParsingOptions opts, FileSource files) {
    this.dir = dir;
    this.files = files;
    this.relDir = relDir;
    this.file = relDir.isEmpty() ? "dvc.yaml" : relDir + "/dvc.yaml";
    this.opts = opts;
  }

  /** Loads {@code <repoRoot>/dvc.yaml} with default parsing options. */
  public static Pipeline load(Path repoRoot) throws PipelineException, IOException {
    return load(repoRoot, repoRoot.resolve("dvc.yaml"), ParsingOptions.DEFAULTS);
  }

  /**
   * Loads one {@code dvc.yaml} file.
   *
   * @param repoRoot the repository root (paths in the result are relative to it)
   * @param dvcYaml the file, inside {@code repoRoot}
   * @throws PipelineException if the file does not exist, and for any syntax, schema or templating error
   */
  public static Pipeline load(Path repoRoot, Path dvcYaml, ParsingOptions opts) throws PipelineException, IOException {
    Path root = repoRoot.toAbsolutePath().normalize();
    Path f = dvcYaml.toAbsolutePath().normalize();
    Path parent = f.getParent();
    String rel = root.relativize(parent).toString().replace('\\', '/');
    String text;
    try {
      text = Files.readString(f, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PipelineException("'" + (rel.isEmpty() ? "" : rel + "/") + f.getFileName() + "' does not exist", e);
    }
    return parse(text, parent, rel, opts);
  }

  /** Every {@code dvc.yaml} under {@code repoRoot} (skipping {@code .git} and {@code .dvc}), sorted by path. */
  public static List<Pipeline> loadAll(Path repoRoot, ParsingOptions opts) throws PipelineException, IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(repoRoot, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        String n = d.getFileName() == null ? "" : d.getFileName().toString();
        return !d.equals(repoRoot) && (n.equals(".git") || n.equals(".dvc")) ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
        if (p.getFileName().toString().equals("dvc.yaml") && attrs.isRegularFile()) {
          files.add(p);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort((a, b) -> dev.cairn.format.CodePointOrder.INSTANCE.compare(
        repoRoot.relativize(a).toString(), repoRoot.relativize(b).toString()));
    List<Pipeline> out = new ArrayList<>();
    for (Path p : files) {
      out.add(load(repoRoot, p, opts));
    }
    return out;
  }

  /**
   * Parses {@code dvc.yaml} text.
   *
   * @param dir the directory holding the file (for params.yaml and vars files)
   * @param relDir that directory relative to the repo root ({@code ""} for the root)
   */
  public static Pipeline parse(String text, Path dir, String relDir, ParsingOptions opts) throws PipelineException {
    return parse(text, dir, relDir, opts, FileSource.DISK);
  }

  /**
   * Parses {@code dvc.yaml} text, reading the files templating needs from {@code files} (a Git
   * revision, say) instead of the disk.
   *
   * @param dir the directory holding the file, absolute; the paths given to {@code files} are under it
   */
  public static Pipeline parse(String text, Path dir, String relDir, ParsingOptions opts, FileSource files)
      throws PipelineException {
    return new PipelineParser(dir.toAbsolutePath().normalize(), relDir, opts, files).run(text);
  }

  private PipelineException err(String path, String stage, String key, String detail) {
    return PipelineException.at(file, doc == null ? 0 : doc.line(path), stage, key, detail);
  }

  @SuppressWarnings("unchecked")
  private Pipeline run(String text) throws PipelineException {
    doc = YamlDoc.parse(text, file, Set.of("meta"));
    Map<String, Object> top;
    if (doc.root == null) {
      top = Map.of();
    } else if (doc.root instanceof Map<?, ?> m) {
      top = (Map<String, Object>) m;
    } else {
      throw err("", null, null, "expected a mapping at the top level");
    }
    for (String k : top.keySet()) {
      if (!TOP_KEYS.contains(k)) {
        throw err(k, null, null, "unknown key '" + k + "'");
      }
    }
    Context ctx = new Context(files);
    try {
      ctx.loadVars(dir, ParamDep.DEFAULT_FILE, false);
    } catch (TemplateError e) {
      throw err("", null, null, e.getMessage() + "; fix " + ParamDep.DEFAULT_FILE + " (beside " + file
          + ", read for its ${} variables) and run again");
    }
    Object vars = top.get("vars");
    if (vars != null) {
      loadVars(ctx, vars, dir, "vars", null);
    }
    List<String> params = stringList(resolveTop(ctx, top, "params"), "params", null, "params");
    List<String> metrics = stringList(resolveTop(ctx, top, "metrics"), "metrics", null, "metrics");
    List<TopLevelPlot> plots = topPlots(resolveTop(ctx, top, "plots"));
    Map<String, Map<String, Object>> artifacts = artifacts(resolveTop(ctx, top, "artifacts"));
    List<Map<String, Object>> datasets = datasets(resolveTop(ctx, top, "datasets"));

    List<Stage> stages = new ArrayList<>();
    Object st = top.get("stages");
    if (st != null && !(st instanceof Map)) {
      throw err("stages", null, "stages", "expected a mapping of stage names");
    }
    if (st != null) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) st).entrySet()) {
        String name = String.valueOf(e.getKey());
        String path = YamlDoc.path("stages", name);
        checkName(name, path);
        if (!(e.getValue() instanceof Map<?, ?> def)) {
          throw err(path, name, null, "expected a mapping, found " + typeName(e.getValue()));
        }
        expand(name, (Map<String, Object>) def, ctx, path, stages);
      }
    }
    return new Pipeline(relDir, stages, params, metrics, plots, artifacts, datasets);
  }

  private void checkName(String name, String path) throws PipelineException {
    for (int i = 0; i < name.length(); i++) {
      if (INVALID_NAME_CHARS.indexOf(name.charAt(i)) >= 0) {
        throw err(path, name, null, "invalid stage name: it must not contain '" + name.charAt(i)
            + "' (punctuation other than '_' and '-' is not allowed)");
      }
    }
    if (name.isEmpty()) {
      throw err(path, name, null, "empty stage name");
    }
  }

  private Object resolveTop(Context ctx, Map<String, Object> top, String key) throws PipelineException {
    Object v = top.get(key);
    if (v == null) {
      return null;
    }
    try {
      return Interpolator.resolve(v, ctx, key, opts);
    } catch (TemplateError e) {
      throw err(key, null, key, e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private void loadVars(Context ctx, Object vars, Path base, String path, String stage) throws PipelineException {
    if (!(vars instanceof List<?> list)) {
      throw err(path, stage, "vars", "expected a list of files or mappings");
    }
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      String ip = YamlDoc.child(path, Integer.toString(i));
      if (Interpolator.hasReference(item)) {
        throw err(ip, stage, "vars", "interpolation is not allowed in 'vars'");
      }
      try {
        if (item instanceof String s) {
          ctx.loadVars(base, s, true);
        } else if (item instanceof Map<?, ?> m) {
          ctx.merge((Map<String, Object>) m, (stage == null ? "" : "stages." + stage + ".") + "vars[" + i + "]");
        } else {
          throw err(ip, stage, "vars", "expected a file name or a mapping, found " + typeName(item));
        }
      } catch (TemplateError e) {
        throw err(ip, stage, "vars", e.getMessage());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void expand(String name, Map<String, Object> def, Context ctx, String path, List<Stage> out)
      throws PipelineException {
    if (def.containsKey("foreach")) {
      for (String k : def.keySet()) {
        if (!k.equals("foreach") && !k.equals("do")) {
          throw err(YamlDoc.child(path, k), name, null, "unknown key '" + k + "' next to 'foreach' (expected 'do')");
        }
      }
      if (!(def.get("do") instanceof Map<?, ?> template)) {
        throw err(path, name, "do", "'foreach' needs a 'do' mapping");
      }
      Object iter;
      try {
        iter = Interpolator.resolve(def.get("foreach"), ctx, "foreach", opts);
      } catch (TemplateError e) {
        throw err(YamlDoc.child(path, "foreach"), name, "foreach", e.getMessage());
      }
      Map<String, Object> items = new LinkedHashMap<>();
      boolean isDict = iter instanceof Map;
      if (iter instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          items.put(str(e.getKey()), e.getValue());
        }
      } else if (iter instanceof List<?> l) {
        boolean composite = l.stream().anyMatch(v -> v instanceof Map || v instanceof List);
        for (int i = 0; i < l.size(); i++) {
          items.put(composite ? Integer.toString(i) : str(l.get(i)), l.get(i));
        }
      } else {
        throw err(YamlDoc.child(path, "foreach"), name, "foreach",
            "expected a list or a dict to iterate over, found " + typeName(iter));
      }
      if (items.size() > MAX_GENERATED) {
        throw err(YamlDoc.child(path, "foreach"), name, "foreach", "expands to more than " + MAX_GENERATED + " stages");
      }
      for (Map.Entry<String, Object> e : items.entrySet()) {
        Context c = ctx.copy();
        try {
          c.putReserved("item", e.getValue());
          if (isDict) {
            c.putReserved("key", e.getKey());
          }
        } catch (TemplateError te) {
          throw err(path, name, "foreach", te.getMessage());
        }
        out.add(resolveStage(name + "@" + e.getKey(), (Map<String, Object>) template, c,
            YamlDoc.child(path, "do")));
      }
      return;
    }
    if (def.containsKey("matrix")) {
      String mp = YamlDoc.child(path, "matrix");
      Object mx;
      try {
        mx = Interpolator.resolve(def.get("matrix"), ctx, "matrix", opts);
      } catch (TemplateError e) {
        throw err(mp, name, "matrix", e.getMessage());
      }
      if (!(mx instanceof Map<?, ?> matrix) || matrix.isEmpty()) {
        throw err(mp, name, "matrix", "expected a non-empty mapping of lists (or of mappings, whose keys are iterated)");
      }
      List<String> dims = new ArrayList<>();
      List<List<?>> values = new ArrayList<>();
      for (Map.Entry<?, ?> e : matrix.entrySet()) {
        // as DVC, which enumerates each dimension: a mapping yields its keys
        List<?> l;
        if (e.getValue() instanceof List<?> list) {
          l = list;
        } else if (e.getValue() instanceof Map<?, ?> map) {
          l = List.copyOf(map.keySet());
        } else {
          throw err(YamlDoc.child(mp, String.valueOf(e.getKey())), name, "matrix",
              "'" + e.getKey() + "' must be a list or a mapping, found " + typeName(e.getValue()));
        }
        dims.add(String.valueOf(e.getKey()));
        values.add(l);
      }
      long combinations = 1;
      for (List<?> l : values) {
        combinations = Math.min(combinations * l.size(), MAX_GENERATED + 1L);
      }
      if (combinations > MAX_GENERATED) {
        throw err(mp, name, "matrix", "expands to more than " + MAX_GENERATED + " stages");
      }
      Map<String, Object> template = new LinkedHashMap<>(def);
      template.remove("matrix");
      int[] idx = new int[dims.size()];
      if (values.stream().anyMatch(List::isEmpty)) {
        return;
      }
      while (true) {
        Map<String, Object> item = new LinkedHashMap<>();
        List<String> frags = new ArrayList<>();
        for (int d = 0; d < dims.size(); d++) {
          Object v = values.get(d).get(idx[d]);
          item.put(dims.get(d), v);
          frags.add(v instanceof Map || v instanceof List ? dims.get(d) + idx[d] : str(v));
        }
        String key = String.join("-", frags);
        Context c = ctx.copy();
        try {
          c.putReserved("item", item);
          c.putReserved("key", key);
        } catch (TemplateError te) {
          throw err(path, name, "matrix", te.getMessage());
        }
        out.add(resolveStage(name + "@" + key, template, c, path));
        int d = dims.size() - 1;
        while (d >= 0 && ++idx[d] == values.get(d).size()) {
          idx[d] = 0;
          d--;
        }
        if (d < 0) {
          break;
        }
      }
      return;
    }
    out.add(resolveStage(name, def, ctx, path));
  }

  private static String str(Object v) {
    if (v instanceof Boolean b) {
      return b ? "true" : "false";
    }
    return dev.cairn.format.PyRepr.str(v);
  }

  private Object field(Map<String, Object> def, String key, Context ctx, String path, String stage)
      throws PipelineException {
    Object v = def.get(key);
    if (v == null) {
      return null;
    }
    try {
      return Interpolator.resolve(v, ctx, key, opts);
    } catch (TemplateError e) {
      throw err(YamlDoc.child(path, key), stage, key, e.getMessage());
    }
  }

  private Stage resolveStage(String name, Map<String, Object> def, Context ctx, String path) throws PipelineException {
    for (String k : def.keySet()) {
      if (!STAGE_KEYS.contains(k)) {
        throw err(YamlDoc.child(path, k), name, null, "unknown key '" + k + "'");
      }
    }
    Object wdirV = field(def, "wdir", ctx, path, name);
    String wdir = ".";
    if (wdirV != null) {
      if (!(wdirV instanceof String w)) {
        throw err(YamlDoc.child(path, "wdir"), name, "wdir", "expected a string, found " + typeName(wdirV));
      }
      wdir = w;
    }
    Context c = ctx;
    if (def.get("vars") != null) {
      c = ctx.copy();
      loadVars(c, def.get("vars"), dir.resolve(wdir).normalize(), YamlDoc.child(path, "vars"), name);
    }
    if (!def.containsKey("cmd")) {
      throw err(path, name, null, "missing required key 'cmd'");
    }
    Object cmdV = field(def, "cmd", c, path, name);
    List<String> cmd = new ArrayList<>();
    boolean cmdIsList = false;
    String cp = YamlDoc.child(path, "cmd");
    if (cmdV instanceof String s) {
      cmd.add(s);
    } else if (cmdV instanceof List<?> l && !l.isEmpty()) {
      cmdIsList = true;
      for (Object o : l) {
        if (!(o instanceof String s)) {
          throw err(cp, name, "cmd", "expected a string or a list of strings, found an item " + typeName(o));
        }
        cmd.add(s);
      }
    } else {
      throw err(cp, name, "cmd", "expected a string or a non-empty list of strings, found " + typeName(cmdV));
    }
    List<String> deps = stringList(field(def, "deps", c, path, name), "deps", name, YamlDoc.child(path, "deps"));
    List<ParamDep> params = params(field(def, "params", c, path, name), name, YamlDoc.child(path, "params"));
    List<Out> outs = new ArrayList<>();
    for (Out.Kind kind : Out.Kind.values()) {
      outs.addAll(outs(field(def, kind.key(), c, path, name), kind, name, YamlDoc.child(path, kind.key())));
    }
    boolean frozen = bool(field(def, "frozen", c, path, name), name, "frozen", path);
    boolean always = bool(field(def, "always_changed", c, path, name), name, "always_changed", path);
    Object descV = field(def, "desc", c, path, name);
    if (descV != null && !(descV instanceof String)) {
      throw err(YamlDoc.child(path, "desc"), name, "desc", "expected a string, found " + typeName(descV));
    }
    Object meta = field(def, "meta", c, path, name);
    Stage stage = new Stage(name, relDir, cmd, cmdIsList, wdir, deps, params, outs, frozen, always, (String) descV,
        meta);
    for (Out o : outs) {
      String rp = stage.repoPath(o.path());
      if (rp.isEmpty() || rp.equals("..") || rp.startsWith("../") || rp.startsWith("/")) {
        throw err(YamlDoc.child(path, o.kind().key()), name, o.kind().key(), "output '" + o.path()
            + "' is outside the repository" + (wdir.equals(".") ? "" : " (wdir '" + wdir + "')")
            + ": outputs must be inside it");
      }
    }
    return stage;
  }

  private boolean bool(Object v, String stage, String key, String path) throws PipelineException {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw err(YamlDoc.child(path, key), stage, key, "expected a boolean, found " + typeName(v));
  }

  private List<String> stringList(Object v, String key, String stage, String path) throws PipelineException {
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List<?> l)) {
      throw err(path, stage, key, "expected a list of strings, found " + typeName(v));
    }
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof String s)) {
        throw err(YamlDoc.child(path, Integer.toString(i)), stage, key,
            "expected a string, found " + typeName(l.get(i)));
      }
      out.add(s);
    }
    return out;
  }

  private List<ParamDep> params(Object v, String stage, String path) throws PipelineException {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw err(path, stage, "params", "expected a list, found " + typeName(v));
    }
    Map<String, List<String>> byFile = new LinkedHashMap<>();
    Map<String, Boolean> whole = new LinkedHashMap<>();
    for (int i = 0; i < l.size(); i++) {
      Object item = l.get(i);
      String ip = YamlDoc.child(path, Integer.toString(i));
      if (item instanceof String s) {
        byFile.computeIfAbsent(ParamDep.DEFAULT_FILE, k -> new ArrayList<>()).add(s);
      } else if (item instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String f = String.valueOf(e.getKey());
          List<String> keys = byFile.computeIfAbsent(f, k -> new ArrayList<>());
          if (e.getValue() == null || e.getValue() instanceof List<?> kl && kl.isEmpty()) {
            whole.put(f, true);
          } else if (e.getValue() instanceof List<?> kl) {
            for (Object k : kl) {
              if (!(k instanceof String ks)) {
                throw err(ip, stage, "params", "keys of '" + f + "' must be strings, found " + typeName(k));
              }
              keys.add(ks);
            }
          } else {
            throw err(ip, stage, "params", "'" + f + "' must map to a list of keys or null, found "
                + typeName(e.getValue()));
          }
        }
      } else {
        throw err(ip, stage, "params", "expected a key or a {file: [keys]} mapping, found " + typeName(item));
      }
    }
    List<ParamDep> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byFile.entrySet()) {
      boolean w = whole.getOrDefault(e.getKey(), false) && e.getValue().isEmpty();
      List<String> keys = new ArrayList<>();
      for (String k : e.getValue()) {
        if (!keys.contains(k)) {
          keys.add(k);
        }
      }
      out.add(new ParamDep(e.getKey(), keys, w));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<Out> outs(Object v, Out.Kind kind, String stage, String path) throws PipelineException {
    List<Out> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    String key = kind.key();
    if (!(v instanceof List<?> l)) {
      throw err(path, stage, key, "expected a list, found " + typeName(v));
    }
    for (int i = 0; i < l.size(); i++) {
      Object item = l.get(i);
      String ip = YamlDoc.child(path, Integer.toString(i));
      if (item instanceof String s) {
        out.add(Out.of(s, kind));
        continue;
      }
      if (!(item instanceof Map<?, ?> m) || m.size() != 1) {
        throw err(ip, stage, key, "expected a path or a single {path: {flags}} mapping");
      }
      Map.Entry<?, ?> e = m.entrySet().iterator().next();
      String p = String.valueOf(e.getKey());
      String fp = YamlDoc.child(ip, p);
      Map<String, Object> flags = e.getValue() == null ? Map.of() : null;
      if (flags == null) {
        if (!(e.getValue() instanceof Map<?, ?> fm)) {
          throw err(fp, stage, key, "flags of '" + p + "' must be a mapping, found " + typeName(e.getValue()));
        }
        flags = (Map<String, Object>) fm;
      }
      Map<String, Object> plotProps = new LinkedHashMap<>();
      for (Map.Entry<String, Object> f : flags.entrySet()) {
        String fk = f.getKey();
        if (kind == Out.Kind.PLOT && PLOT_FLAGS.contains(fk)) {
          plotProps.put(fk, f.getValue());
        } else if (!OUT_FLAGS.contains(fk)) {
          throw err(YamlDoc.child(fp, fk), stage, key, "unknown key '" + fk + "' for '" + p + "'");
        }
      }
      boolean cache = flagBool(flags, "cache", true, stage, key, fp);
      boolean persist = flagBool(flags, "persist", false, stage, key, fp);
      boolean push = flagBool(flags, "push", true, stage, key, fp);
      String remote = flagStr(flags, "remote", stage, key, fp);
      String desc = flagStr(flags, "desc", stage, key, fp);
      String type = flagStr(flags, "type", stage, key, fp);
      List<String> labels = flags.get("labels") == null ? List.of()
          : stringList(flags.get("labels"), key, stage, YamlDoc.child(fp, "labels"));
      out.add(new Out(p, kind, cache, persist, push, remote, desc, type, labels, flags.get("meta"), plotProps));
    }
    return out;
  }

  private boolean flagBool(Map<String, Object> flags, String k, boolean dflt, String stage, String key, String path)
      throws PipelineException {
    Object v = flags.get(k);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      throw err(YamlDoc.child(path, k), stage, key, "'" + k + "' must be a boolean, found " + typeName(v));
    }
    return b;
  }

  private String flagStr(Map<String, Object> flags, String k, String stage, String key, String path)
      throws PipelineException {
    Object v = flags.get(k);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw err(YamlDoc.child(path, k), stage, key, "'" + k + "' must be a string, found " + typeName(v));
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private List<TopLevelPlot> topPlots(Object v) throws PipelineException {
    List<TopLevelPlot> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List<?> l)) {
      throw err("plots", null, "plots", "expected a list, found " + typeName(v));
    }
    for (int i = 0; i < l.size(); i++) {
      Object item = l.get(i);
      String ip = YamlDoc.path("plots", Integer.toString(i));
      if (item instanceof String s) {
        out.add(new TopLevelPlot(s, Map.of()));
      } else if (item instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String id = String.valueOf(e.getKey());
          if (e.getValue() == null) {
            out.add(new TopLevelPlot(id, Map.of()));
            continue;
          }
          if (!(e.getValue() instanceof Map<?, ?> props)) {
            throw err(YamlDoc.child(ip, id), null, "plots", "definition of '" + id + "' must be a mapping");
          }
          for (Object k : props.keySet()) {
            if (!TOP_PLOT_KEYS.contains(String.valueOf(k))) {
              throw err(YamlDoc.child(YamlDoc.child(ip, id), String.valueOf(k)), null, "plots",
                  "unknown key '" + k + "' in plot '" + id + "'");
            }
          }
          out.add(new TopLevelPlot(id, (Map<String, Object>) props));
        }
      } else {
        throw err(ip, null, "plots", "expected a path or a {id: definition} mapping, found " + typeName(item));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> artifacts(Object v) throws PipelineException {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw err("artifacts", null, "artifacts", "expected a mapping, found " + typeName(v));
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String n = String.valueOf(e.getKey());
      String p = YamlDoc.path("artifacts", n);
      if (!(e.getValue() instanceof Map<?, ?> a)) {
        throw err(p, null, "artifacts", "artifact '" + n + "' must be a mapping");
      }
      for (Object k : a.keySet()) {
        if (!ARTIFACT_KEYS.contains(String.valueOf(k))) {
          throw err(YamlDoc.child(p, String.valueOf(k)), null, "artifacts",
              "unknown key '" + k + "' in artifact '" + n + "'");
        }
      }
      if (!(a.get("path") instanceof String)) {
        throw err(p, null, "artifacts", "artifact '" + n + "' needs a string 'path'");
      }
      out.put(n, (Map<String, Object>) a);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> datasets(Object v) throws PipelineException {
    List<Map<String, Object>> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List<?> l)) {
      throw err("datasets", null, "datasets", "expected a list, found " + typeName(v));
    }
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof Map<?, ?> d) || !(d.get("name") instanceof String) || !(d.get("type") instanceof String)) {
        throw err(YamlDoc.path("datasets", Integer.toString(i)), null, "datasets",
            "each dataset needs string 'name' and 'type'");
      }
      out.add((Map<String, Object>) d);
    }
    return out;
  }

  static String typeName(Object o) {
    if (o == null) {
      return "null";
    }
    if (o instanceof Map) {
      return "a mapping";
    }
    if (o instanceof List) {
      return "a list";
    }
    if (o instanceof String) {
      return "a string";
    }
    if (o instanceof Boolean) {
      return "a boolean";
    }
    return o instanceof Double ? "a float" : "an integer";
  }
}
