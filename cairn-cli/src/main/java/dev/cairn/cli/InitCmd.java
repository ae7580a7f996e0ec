package dev.cairn.cli;

import dev.cairn.api.Cairn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = {
    "Initialise a DVC/Cairn repository here: .dvc/config, .dvc/.gitignore and .dvcignore, staged in Git.",
    "The directory must be the top of a Git repository unless --no-scm is given."})
final class InitCmd extends BaseCommand {
  @Option(names = "--no-scm", description = "Initialise without Git (core.no_scm = True).")
  boolean noScm;

  @Option(names = {"-f", "--force"}, description = "Re-initialise over an existing .dvc directory (removes its cache and config).")
  boolean force;

  @Override
  int doCall() throws Exception {
    var r = Cairn.init(workDir()).setNoScm(noScm).setForce(force).call();
    info("Initialized Cairn/DVC repository in " + r.root() + (r.staged() ? "; commit the new files to Git." : "."));
    return 0;
  }
}
