package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.DvcYamlWriter;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.Stage;
import dev.cairn.repo.Repo;
import dev.cairn.repro.PipelineIndex;
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
import java.util.Set;

/**
 * {@code plots modify <target>}: sets or unsets the display properties of a stage output in {@code
 * dvc.yaml}, as {@code dvc plots modify} does. The output becomes a plot (it moves to the stage's
 * {@code plots:} list) unless it is one; given properties are added after the ones it has, or
 * replace them in place; the stage is rewritten in DVC's stage layout and {@code dvc.lock} is not
 * touched. The properties are DVC's, in its order: {@code template}, {@code x}, {@code y}, {@code
 * x_label}, {@code y_label}, {@code title}, {@code header}.
 */
public final class PlotsModifyCommand extends RepoCommand<String> {
  /** DVC's plot properties, in the order {@code plots modify} writes them. */
  public static final List<String> PROPS = List.of("template", "x", "y", "x_label", "y_label", "title", "header");

  /** DVC's built-in templates (dvc-render's). */
  static final Set<String> TEMPLATES = Set.of("simple", "linear", "confusion", "confusion_normalized", "scatter",
      "scatter_jitter", "smooth", "bar_horizontal_sorted", "bar_horizontal");

  private String target;
  private final Map<String, Object> props = new LinkedHashMap<>();
  private List<String> unset;
  private Path cwd;

  PlotsModifyCommand(Repo repo) {
    super(repo);
    this.cwd = repo.root();
  }

  /** The output: its path relative to the working directory. */
  public PlotsModifyCommand setTarget(String target) {
    this.target = Objects.requireNonNull(target);
    return this;
  }

  /** The directory the target and a template path are relative to; the root by default. */
  public PlotsModifyCommand setWorkingDirectory(Path dir) {
    this.cwd = dir.toAbsolutePath().normalize();
    return this;
  }

  /**
   * Sets a property: one of {@link #PROPS}, a string ({@code header} a boolean). Null is ignored,
   * as DVC passes on only the properties given.
   */
  public PlotsModifyCommand setProp(String name, Object value) {
    if (!PROPS.contains(name)) {
      throw new IllegalArgumentException("not a plot property: " + name);
    }
    if (value != null) {
      props.put(name, value);
    }
    return this;
  }

  /**
   * {@code --unset}: properties to remove (an empty list still requires the output to be a plot, as
   * in DVC).
   */
  public PlotsModifyCommand setUnset(List<String> names) {
    this.unset = names == null ? null : List.copyOf(names);
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  /** Returns the address of the stage rewritten. */
  @Override
  String run() throws IOException, CairnException {
    if (target == null) {
      throw CairnException.invalidInput("plots modify needs a target");
    }
    Object template = props.get("template");
    if (template != null) {
      checkTemplate(template.toString());
    }
    Path abs = cwd.resolve(target).normalize();
    if (!abs.startsWith(repo.root())) {
      throw CairnException.invalidInput("'" + target + "' is outside the repository " + repo.root());
    }
    String path = repo.relativize(abs);
    PipelineIndex index = PipelineIndex.load(repo);
    Pipeline pipeline = null;
    Stage stage = null;
    Out out = null;
    for (Pipeline p : index.pipelines()) {
      for (Stage s : p.stages()) {
        for (Out o : s.outs()) {
          if (s.repoPath(o.path()).equals(path)) {
            pipeline = p;
            stage = s;
            out = o;
          }
        }
      }
    }
    if (out == null) {
      throw CairnException.invalidInput("Unable to find stage output '" + target + "' in dvc.yaml; plots modify"
          + " changes outputs of dvc.yaml stages (declare it in a stage's outs, metrics or plots first)");
    }
    if (out.kind() != Out.Kind.PLOT && unset != null) {
      throw CairnException.invalidInput("'" + target + "' is not a known plot. Use `cairn plots modify` to turn it"
          + " into one.");
    }
    Map<String, Object> plot = out.kind() == Out.Kind.PLOT ? new LinkedHashMap<>(out.plotProps())
        : new LinkedHashMap<>();
    if (unset != null) {
      List<String> missing = new ArrayList<>();
      for (String u : unset) {
        if (!plot.containsKey(u)) {
          missing.add("'" + u + "'");
        }
      }
      if (!missing.isEmpty()) {
        throw CairnException.invalidInput("display properties [" + String.join(", ", missing) + "] not found in plot '"
            + target + "'");
      }
      unset.forEach(plot::remove);
    }
    plot.putAll(props);
    Stage s = stage;
    if (s.name().contains("@")) {
      throw CairnException.invalidInput("Stage '" + s.address() + "' is generated by foreach/matrix; set the plot's"
          + " properties on its definition in dvc.yaml by hand");
    }
    List<Out> outs = new ArrayList<>();
    for (Out o : s.outs()) {
      outs.add(o != out ? o : new Out(o.path(), Out.Kind.PLOT, o.cache(), o.persist(), o.push(), o.remote(), o.desc(),
          o.type(), o.labels(), o.meta(), plot));
    }
    Stage changed = new Stage(s.name(), s.dvcfileDir(), s.cmd(), s.cmdIsList(), s.wdir(), s.deps(), s.params(),
        outs, s.frozen(), s.alwaysChanged(), s.desc(), s.meta());
    Path file = repo.root().resolve(pipeline.file());
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String updated = DvcYamlWriter.addStage(text, changed, true);
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, updated, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return s.address();
  }

  /**
   * A template is one of DVC's built-in names, a file under {@code .dvc/plots/} (with or without
   * {@code .json}), or a file path, as dvc-render's {@code get_template} finds them.
   */
  private void checkTemplate(String t) throws CairnException {
    if (TEMPLATES.contains(t)) {
      return;
    }
    Path dir = repo.dvcDir().resolve("plots");
    for (Path p : List.of(cwd.resolve(t), dir.resolve(t), dir.resolve(t + ".json"))) {
      if (Files.isRegularFile(p)) {
        return;
      }
    }
    throw CairnException.invalidInput("Template '" + t + "' not found.");
  }
}
