package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.Dag;
import dev.cairn.pipeline.DvcYamlWriter;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.ParamDep;
import dev.cairn.pipeline.ParsingOptions;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.PipelineParser;
import dev.cairn.pipeline.Stage;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code stage add}: adds (or with {@code force} replaces) a stage in the {@code dvc.yaml} of the
 * working directory, written as {@code dvc stage add} writes it (DVC's key order, sorted lists; the
 * rest of the file untouched). The resulting file is parsed and its graph checked (cycles,
 * overlapping outputs) before it is written; invalid input is a {@link PipelineException}.
 */
public final class StageAddCommand extends RepoCommand<StageAddCommand.StageAddResult> {
  private String name;
  private final List<String> command = new ArrayList<>();
  private final List<String> deps = new ArrayList<>();
  private final List<Out> outs = new ArrayList<>();
  private final Map<String, List<String>> params = new LinkedHashMap<>();
  private final List<String> wholeParamFiles = new ArrayList<>();
  private String wdir = ".";
  private String desc;
  private boolean alwaysChanged;
  private boolean force;
  private Path cwd;

  StageAddCommand(Repo repo) {
    super(repo);
    this.cwd = repo.root();
  }

  /**
   * The result.
   *
   * @param file the {@code dvc.yaml} written, repo-relative
   * @param created whether the file did not exist before
   * @param replaced whether a stage of that name was replaced
   */
  public record StageAddResult(String file, boolean created, boolean replaced) {}

  /** The stage name (required). */
  public StageAddCommand setName(String name) {
    this.name = Objects.requireNonNull(name);
    return this;
  }

  /**
   * The command, as arguments: one argument is used as it is; several are joined with spaces,
   * arguments containing a space (and no double quote) being double-quoted, as DVC does.
   */
  public StageAddCommand setCommand(List<String> args) {
    command.clear();
    command.addAll(args);
    return this;
  }

  public StageAddCommand addDep(String path) {
    deps.add(path);
    return this;
  }

  /** An output declared under {@code outs}, {@code metrics} or {@code plots}, with its cache/persist flags. */
  public StageAddCommand addOut(String path, Out.Kind kind, boolean cache, boolean persist) {
    outs.add(new Out(path, kind, cache, persist, true, null, null, null, List.of(), null, Map.of()));
    return this;
  }

  /**
   * Params as {@code dvc stage add -p} takes them: {@code key1,key2} (from {@code params.yaml}),
   * {@code file:key1,key2}, or {@code file:} for the whole file.
   */
  public StageAddCommand addParams(String spec) {
    String file = ParamDep.DEFAULT_FILE;
    String keys = spec;
    int colon = spec.lastIndexOf(':');
    if (colon >= 0) {
      file = spec.substring(0, colon);
      keys = spec.substring(colon + 1);
    }
    List<String> list = params.computeIfAbsent(file, f -> new ArrayList<>());
    if (keys.isEmpty()) {
      wholeParamFiles.add(file);
    }
    for (String k : keys.split(",")) {
      if (!k.isBlank() && !list.contains(k.strip())) {
        list.add(k.strip());
      }
    }
    return this;
  }

  public StageAddCommand setWdir(String wdir) {
    this.wdir = Objects.requireNonNull(wdir);
    return this;
  }

  public StageAddCommand setDesc(String desc) {
    this.desc = desc;
    return this;
  }

  public StageAddCommand setAlwaysChanged(boolean alwaysChanged) {
    this.alwaysChanged = alwaysChanged;
    return this;
  }

  /** Replace an existing stage of the same name. */
  public StageAddCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  /** The directory whose {@code dvc.yaml} receives the stage; the root by default. */
  public StageAddCommand setWorkingDirectory(Path cwd) {
    this.cwd = Objects.requireNonNull(cwd);
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  StageAddResult run() throws IOException, CairnException {
    if (name == null || name.isBlank()) {
      throw CairnException.invalidInput("A stage name is required (-n <name>)");
    }
    if (command.isEmpty()) {
      throw CairnException.invalidInput("Stage '" + name + "': a command is required");
    }
    Path dir = cwd.toAbsolutePath().normalize();
    String relDir = repo.relativize(dir);
    if (relDir.startsWith("..")) {
      throw CairnException.invalidInput("'" + dir + "' is outside the repository " + repo.root());
    }
    List<ParamDep> ps = new ArrayList<>();
    params.forEach((f, keys) -> ps.add(new ParamDep(f, wholeParamFiles.contains(f) ? List.of() : keys,
        wholeParamFiles.contains(f))));
    Stage stage = new Stage(name, relDir, List.of(joinCommand(command)), false, wdir, deps, ps, outs, false,
        alwaysChanged, desc, null);
    Path file = dir.resolve("dvc.yaml");
    boolean exists = Files.exists(file);
    String before = exists ? Files.readString(file, StandardCharsets.UTF_8) : null;
    boolean replaced = false;
    if (exists) {
      Pipeline p = PipelineParser.parse(before, dir, relDir, ParsingOptions.DEFAULTS);
      replaced = p.stage(name).isPresent();
    }
    String text = DvcYamlWriter.addStage(before, stage, force);
    List<Pipeline> all = new ArrayList<>();
    for (Pipeline p : PipelineParser.loadAll(repo.root(), ParsingOptions.DEFAULTS)) {
      if (!p.dir().equals(relDir)) {
        all.add(p);
      }
    }
    all.add(PipelineParser.parse(text, dir, relDir, ParsingOptions.DEFAULTS));
    Dag.of(all);
    Path tmp = file.resolveSibling(".dvc.yaml.tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new StageAddResult(repo.relativize(file), !exists, replaced);
  }

  /** DVC's {@code parse_cmd}: one argument as is; else joined with spaces, quoting arguments with spaces. */
  static String joinCommand(List<String> args) {
    if (args.size() == 1) {
      return args.get(0);
    }
    List<String> q = new ArrayList<>();
    for (String a : args) {
      q.add(!a.contains(" ") || a.contains("\"") ? a : "\"" + a + "\"");
    }
    return String.join(" ", q);
  }
}
