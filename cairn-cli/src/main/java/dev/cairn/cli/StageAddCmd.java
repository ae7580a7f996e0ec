package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.StageAddCommand;
import dev.cairn.pipeline.Out;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = {
    "Add a stage to dvc.yaml (in the current directory), written as 'dvc stage add' writes it.",
    "Example: cairn stage add -n train -d data -p train.lr -o model.bin java -jar train.jar"})
final class StageAddCmd extends BaseCommand {
  @Option(names = {"-n", "--name"}, required = true, paramLabel = "<name>", description = "Stage name.")
  String name;

  @Option(names = {"-d", "--deps"}, paramLabel = "<path>", description = "Dependency (repeatable).")
  List<String> deps = List.of();

  @Option(names = {"-p", "--params"}, paramLabel = "<[file:]keys>",
      description = "Params: key1,key2 from params.yaml, file:key1,key2, or file: for the whole file (repeatable).")
  List<String> params = List.of();

  @Option(names = {"-o", "--outs"}, paramLabel = "<path>", description = "Output, cached (repeatable).")
  List<String> outs = List.of();

  @Option(names = {"-O", "--outs-no-cache"}, paramLabel = "<path>", description = "Output, not cached.")
  List<String> outsNoCache = List.of();

  @Option(names = "--outs-persist", paramLabel = "<path>", description = "Output kept between runs, cached.")
  List<String> outsPersist = List.of();

  @Option(names = "--outs-persist-no-cache", paramLabel = "<path>", description = "Output kept between runs, not cached.")
  List<String> outsPersistNoCache = List.of();

  @Option(names = {"-m", "--metrics"}, paramLabel = "<path>", description = "Metrics file, cached.")
  List<String> metrics = List.of();

  @Option(names = {"-M", "--metrics-no-cache"}, paramLabel = "<path>", description = "Metrics file, not cached.")
  List<String> metricsNoCache = List.of();

  @Option(names = "--plots", paramLabel = "<path>", description = "Plots file, cached.")
  List<String> plots = List.of();

  @Option(names = "--plots-no-cache", paramLabel = "<path>", description = "Plots file, not cached.")
  List<String> plotsNoCache = List.of();

  @Option(names = {"-w", "--wdir"}, paramLabel = "<dir>", description = "Working directory of the command.")
  String wdir;

  @Option(names = "--desc", paramLabel = "<text>", description = "Description of the stage.")
  String desc;

  @Option(names = "--always-changed", description = "Always consider the stage changed.")
  boolean alwaysChanged;

  @Option(names = {"-f", "--force"}, description = "Overwrite a stage of the same name.")
  boolean force;

  @Parameters(arity = "1..*", paramLabel = "<command>", description = "The command to run.")
  List<String> command;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      StageAddCommand cmd = cairn.stageAdd().setName(name).setCommand(command).setDesc(desc)
          .setAlwaysChanged(alwaysChanged).setForce(force).setWorkingDirectory(workDir());
      if (wdir != null) {
        cmd.setWdir(wdir);
      }
      deps.forEach(cmd::addDep);
      params.forEach(cmd::addParams);
      outs.forEach(o -> cmd.addOut(o, Out.Kind.OUT, true, false));
      outsNoCache.forEach(o -> cmd.addOut(o, Out.Kind.OUT, false, false));
      outsPersist.forEach(o -> cmd.addOut(o, Out.Kind.OUT, true, true));
      outsPersistNoCache.forEach(o -> cmd.addOut(o, Out.Kind.OUT, false, true));
      metrics.forEach(o -> cmd.addOut(o, Out.Kind.METRIC, true, false));
      metricsNoCache.forEach(o -> cmd.addOut(o, Out.Kind.METRIC, false, false));
      plots.forEach(o -> cmd.addOut(o, Out.Kind.PLOT, true, false));
      plotsNoCache.forEach(o -> cmd.addOut(o, Out.Kind.PLOT, false, false));
      StageAddCommand.StageAddResult r = cmd.call();
      info((r.replaced() ? "Modifying" : "Added") + " stage '" + name + "' in '" + r.file() + "'");
      info("\nTo track the changes with git, run:\n\n\tgit add " + r.file() + "\n");
    }
    return 0;
  }
}
