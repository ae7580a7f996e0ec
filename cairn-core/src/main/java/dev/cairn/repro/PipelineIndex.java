package dev.cairn.repro;

import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.Dag;
import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.ParsingOptions;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.PipelineParser;
import dev.cairn.pipeline.Stage;
import dev.cairn.repo.Repo;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.OutputEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code dvc.yaml} of a repository, resolved, with the stage graph and the {@code dvc.lock}
 * files as they were when loaded. Resolves user targets ({@code train}, {@code dvc.yaml:train},
 * {@code sub/dvc.yaml:train}, {@code sub/dvc.yaml}) to stage addresses. Immutable.
 */
public final class PipelineIndex {
  private final Path root;
  private final List<Pipeline> pipelines;
  private final Dag dag;
  private final Map<String, LockFile> locks;
  private final List<Path> dvcFilePaths;
  private Map<String, DvcFile> dvcFiles;
  private List<Stage> dataSources;
  private Dag fullDag;

  private PipelineIndex(Path root, List<Pipeline> pipelines, Dag dag, Map<String, LockFile> locks,
      List<Path> dvcFilePaths) {
    this.root = root;
    this.pipelines = List.copyOf(pipelines);
    this.dag = dag;
    this.locks = locks;
    this.dvcFilePaths = List.copyOf(dvcFilePaths);
  }

  /**
   * Loads every {@code dvc.yaml} under the repository root (with the {@code parsing.*} config) and
   * its {@code dvc.lock}.
   *
   * @throws PipelineException for an invalid {@code dvc.yaml} or {@code dvc.lock}, a cycle or
   *     overlapping outputs
   */
  public static PipelineIndex load(Repo repo) throws IOException, PipelineException {
    ParsingOptions opts = ParsingOptions.of(repo.config().get("parsing", "bool"), repo.config().get("parsing", "list"));
    List<Pipeline> pipelines = new ArrayList<>();
    DvcYamlFinder finder = new DvcYamlFinder(repo.root());
    for (Path f : finder.find()) {
      pipelines.add(PipelineParser.load(repo.root(), f, opts));
    }
    Dag dag = Dag.of(pipelines);
    Map<String, LockFile> locks = new LinkedHashMap<>();
    for (Pipeline p : pipelines) {
      Path lf = lockPath(repo.root(), p.dir());
      locks.put(p.dir(), LockFile.read(lf));
    }
    return new PipelineIndex(repo.root(), pipelines, dag, locks, finder.dvcFiles());
  }

  static Path lockPath(Path root, String dir) {
    return (dir.isEmpty() ? root : root.resolve(dir)).resolve("dvc.lock");
  }

  /** The repository root. */
  public Path root() {
    return root;
  }

  /** The resolved pipelines, sorted by file path. */
  public List<Pipeline> pipelines() {
    return pipelines;
  }

  /** Whether the repository has no {@code dvc.yaml}. */
  public boolean isEmpty() {
    return pipelines.isEmpty();
  }

  /** The stage graph of all pipelines. */
  public Dag dag() {
    return dag;
  }

  /**
   * The stages the {@code .dvc} files stand for (DVC's data sources: no command, their outputs), by
   * path; read on first use.
   *
   * @throws dev.cairn.workspace.InvalidDvcFileException for a malformed {@code .dvc} file
   */
  public synchronized List<Stage> dataSources() throws IOException {
    if (dataSources == null) {
      Map<String, DvcFile> files = new LinkedHashMap<>();
      List<Stage> out = new ArrayList<>();
      for (Path p : dvcFilePaths) {
        DvcFile f = DvcFile.read(p);
        String rel = root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
        List<Out> outs = new ArrayList<>();
        for (Map<String, Object> o : f.outs()) {
          OutputEntry e = DvcFile.entry(o);
          outs.add(new Out(e.path(), Out.Kind.OUT, e.cache(), false, e.push(), e.remote(), null, null, List.of(),
              null, Map.of()));
        }
        Object wdir = f.get("wdir");
        Object desc = f.get("desc");
        out.add(Stage.ofDvcFile(rel, wdir == null ? "." : String.valueOf(wdir), List.of(), outs, f.isFrozen(),
            desc == null ? null : String.valueOf(desc)));
        files.put(rel, f);
      }
      dvcFiles = files;
      dataSources = List.copyOf(out);
    }
    return dataSources;
  }

  /** The parsed {@code .dvc} file a data-source stage stands for, by its address, or null. */
  public synchronized DvcFile dvcFile(String address) throws IOException {
    dataSources();
    return dvcFiles.get(address);
  }

  /**
   * The graph DVC builds: the stages of every {@code dvc.yaml} and the {@code .dvc} files, which are
   * stages too (a {@code data/x.dvc} whose output a stage depends on is upstream of that stage).
   *
   * @throws PipelineException when an output of a {@code .dvc} file is also, or overlaps, a stage's
   */
  public synchronized Dag fullDag() throws IOException, PipelineException {
    if (fullDag == null) {
      List<Stage> all = new ArrayList<>(dag.stages());
      all.addAll(dataSources());
      fullDag = dataSources().isEmpty() ? dag : Dag.ofStages(all);
    }
    return fullDag;
  }

  /** The lock file of the {@code dvc.yaml} in {@code dir} (repo-relative, {@code ""} for the root), as loaded. */
  public LockFile lock(String dir) {
    return locks.getOrDefault(dir, LockFile.empty());
  }

  /** The recorded lock entry of a stage, or null. */
  public LockEntry lockEntry(Stage s) {
    return lock(s.dvcfileDir()).entry(s.name()).orElse(null);
  }

  /** The stages of the {@code dvc.yaml} in {@code cwd}, or every stage when there is none there. */
  public List<String> defaultTargets(Path cwd) {
    String dir = relDir(cwd);
    List<String> out = new ArrayList<>();
    for (Pipeline p : pipelines) {
      if (p.dir().equals(dir)) {
        p.stages().forEach(s -> out.add(s.address()));
      }
    }
    if (out.isEmpty()) {
      dag.stages().forEach(s -> out.add(s.address()));
    }
    return out;
  }

  private String relDir(Path cwd) {
    Path c = cwd.toAbsolutePath().normalize();
    return c.startsWith(root) ? root.relativize(c).toString().replace('\\', '/') : "";
  }

  /**
   * Stage addresses for user targets, relative to {@code cwd}: a stage name of the {@code dvc.yaml}
   * in {@code cwd} (or of the root one), {@code path/dvc.yaml:name}, or {@code path/dvc.yaml} for all
   * its stages.
   *
   * @throws CairnException (invalid input) for a target that names no stage
   */
  public List<String> resolveTargets(List<String> targets, Path cwd) throws CairnException {
    List<String> out = new ArrayList<>();
    String base = relDir(cwd);
    for (String t : targets) {
      List<String> found = resolve(t, base);
      if (found.isEmpty()) {
        throw CairnException.invalidInput("'" + t + "' does not exist: no stage of that name, no dvc.yaml and no .dvc file there"
            + " (known stages: " + String.join(", ", dag.stages().stream().map(Stage::address).toList()) + ")");
      }
      for (String a : found) {
        if (!out.contains(a)) {
          out.add(a);
        }
      }
    }
    return out;
  }

  private List<String> resolve(String target, String base) throws CairnException {
    if (target.endsWith(DvcFile.SUFFIX) && !target.contains(":")) {
      Path f = (base.isEmpty() ? root : root.resolve(base)).resolve(target).normalize();
      String rel = f.startsWith(root) ? root.relativize(f).toString().replace('\\', '/') : null;
      try {
        if (rel != null && dvcFile(rel) != null) {
          return List.of(rel);
        }
      } catch (IOException e) {
        throw CairnException.invalidInput(e.getMessage());
      }
    }
    String file = target;
    String name = null;
    int colon = target.lastIndexOf(':');
    if (colon >= 0) {
      file = target.substring(0, colon);
      name = target.substring(colon + 1);
    } else if (!target.endsWith("dvc.yaml")) {
      name = target;
      file = null;
    }
    List<String> out = new ArrayList<>();
    if (file == null) {
      for (String dir : List.of(base, "")) {
        Pipeline p = byDir(dir);
        if (p != null && p.stage(name).isPresent()) {
          out.add(p.stage(name).get().address());
          return out;
        }
      }
      return out;
    }
    Path f = (base.isEmpty() ? root : root.resolve(base)).resolve(file).normalize();
    if (!f.getFileName().toString().equals("dvc.yaml") || !f.startsWith(root)) {
      return out;
    }
    String dir = root.relativize(f.getParent()).toString().replace('\\', '/');
    Pipeline p = byDir(dir);
    if (p == null) {
      return out;
    }
    for (Stage s : p.stages()) {
      if (name == null || s.name().equals(name)) {
        out.add(s.address());
      }
    }
    return out;
  }

  private Pipeline byDir(String dir) {
    for (Pipeline p : pipelines) {
      if (p.dir().equals(dir)) {
        return p;
      }
    }
    return null;
  }
}
