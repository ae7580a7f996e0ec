package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.format.PyJson;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.ParamDep;
import dev.cairn.pipeline.Stage;
import dev.cairn.repro.PipelineIndex;
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
      int width = stages.stream().mapToInt(s -> s.address().length()).max().orElse(0);
      for (Stage s : stages) {
        if (nameOnly) {
          out().println(s.address());
          continue;
        }
        String d = describe(s);
        out().println(d.isEmpty() ? s.address() : s.address() + " ".repeat(width - s.address().length() + 2) + d);
      }
    }
    return 0;
  }

  private static String describe(Stage s) {
    if (s.desc() != null && !s.desc().isBlank()) {
      return s.desc().lines().findFirst().orElse("");
    }
    if (s.outs().isEmpty()) {
      return "";
    }
    List<String> paths = new ArrayList<>();
    for (Out o : s.outs()) {
      paths.add(o.path());
    }
    String kind = s.outs().stream().allMatch(o -> o.kind() == Out.Kind.METRIC) ? "Reports" : "Outputs";
    return kind + " " + String.join(", ", paths);
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
