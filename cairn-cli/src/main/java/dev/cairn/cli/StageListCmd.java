package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.format.PyJson;
import dev.cairn.pipeline.CwdPaths;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.ParamDep;
import dev.cairn.pipeline.Stage;
import dev.cairn.repro.PipelineIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", description = {
    "List the stages of ./dvc.yaml (all dvc.yaml files with --all) with their description or outputs.",
    "--json prints every stage fully resolved (templating, foreach and matrix expanded)."})
final class StageListCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<target>", description = "Stages or dvc.yaml files to list.")
  List<String> targets = List.of();

  @Option(names = {"-A", "--all", "-R", "--recursive"}, description = "List the stages of every dvc.yaml in the repository.")
  boolean all;

  @Option(names = "--name-only", description = "Print only the stage names.")
  boolean nameOnly;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      PipelineIndex index = PipelineIndex.load(cairn.repo());
      List<String> addresses;
      if (!targets.isEmpty()) {
        addresses = index.resolveTargets(targets, workDir());
      } else if (all) {
        addresses = index.dag().stages().stream().map(Stage::address).toList();
      } else {
        addresses = index.defaultTargets(workDir());
      }
      List<Stage> stages = new ArrayList<>();
      for (String a : addresses) {
        stages.add(index.dag().stage(a));
      }
      if (json.json) {
        List<Object> rows = new ArrayList<>();
        for (Stage s : stages) {
          rows.add(toJson(s));
        }
        out().println(PyJson.dumpsUnsorted(rows));
        return 0;
      }
      Path root = cairn.repo().root().toAbsolutePath().normalize();
      Path cwd = workDir().toAbsolutePath().normalize();
      String at = cwd.startsWith(root) ? root.relativize(cwd).toString().replace('\\', '/') : "";
      List<String> names = stages.stream().map(s -> CwdPaths.address(s, at)).toList();
      int width = names.stream().mapToInt(String::length).max().orElse(0);
      for (int i = 0; i < stages.size(); i++) {
        String name = names.get(i);
        out().println(nameOnly ? name : name + " ".repeat(width - name.length() + 2) + describe(stages.get(i)));
      }
    }
    return 0;
  }

  /** DVC's column width for a description: longer ones are cut and end with an ellipsis. */
  static final int MAX_DESCRIPTION = 80;

  /**
   * DVC's description of a stage ({@code prepare_description}): the first non-empty line of {@code
   * desc}, else {@code generate_description}'s summary, cut to 80 characters with {@code …}.
   */
  static String describe(Stage s) {
    String d = null;
    if (s.desc() != null) {
      d = s.desc().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
    }
    if (d == null) {
      d = generate(s);
    }
    return d.codePointCount(0, d.length()) > MAX_DESCRIPTION
        ? d.substring(0, d.offsetByCodePoints(0, MAX_DESCRIPTION - 1)) + "\u2026" : d;
  }

  /** {@code Outputs a, b; Reports metrics.json}, {@code Depends on …} or {@code No outputs or dependencies}. */
  private static String generate(Stage s) {
    List<String> deps = new ArrayList<>(s.deps());
    s.params().forEach(p -> {
      if (!deps.contains(p.file())) {
        deps.add(p.file());
      }
    });
    if (s.outs().isEmpty()) {
      return deps.isEmpty() ? "No outputs or dependencies" : "Depends on " + String.join(", ", deps);
    }
    List<String> outs = new ArrayList<>();
    List<String> reports = new ArrayList<>();
    for (Out o : s.outs()) {
      (o.kind() == Out.Kind.OUT ? outs : reports).add(o.path());
    }
    List<String> parts = new ArrayList<>();
    if (!outs.isEmpty()) {
      parts.add("Outputs " + String.join(", ", outs));
    }
    if (!reports.isEmpty()) {
      parts.add("Reports " + String.join(", ", reports));
    }
    return String.join("; ", parts);
  }

  static Map<String, Object> toJson(Stage s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.address());
    m.put("file", s.dvcfileDir().isEmpty() ? "dvc.yaml" : s.dvcfileDir() + "/dvc.yaml");
    m.put("cmd", s.lockCmd());
    m.put("wdir", s.wdir());
    m.put("deps", s.deps());
    Map<String, Object> params = new LinkedHashMap<>();
    for (ParamDep p : s.params()) {
      params.put(p.file(), p.wholeFile() ? null : p.keys());
    }
    m.put("params", params);
    List<Object> outs = new ArrayList<>();
    for (Out o : s.outs()) {
      Map<String, Object> om = new LinkedHashMap<>();
      om.put("path", o.path());
      om.put("type", o.kind().key());
      om.put("cache", o.cache());
      om.put("persist", o.persist());
      om.put("push", o.push());
      if (o.remote() != null) {
        om.put("remote", o.remote());
      }
      if (!o.plotProps().isEmpty()) {
        om.put("plot", o.plotProps());
      }
      outs.add(om);
    }
    m.put("outs", outs);
    m.put("frozen", s.frozen());
    m.put("always_changed", s.alwaysChanged());
    if (s.desc() != null) {
      m.put("desc", s.desc());
    }
    return m;
  }
}
