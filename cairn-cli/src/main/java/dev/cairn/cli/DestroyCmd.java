package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.DestroyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn destroy}: DVC's command of that name. */
@Command(name = "destroy", description = {
    "Remove everything DVC or Cairn added to the repository: every .dvc file, dvc.yaml and dvc.lock, the"
        + " root .dvcignore and the .dvc directory with its config and the cache inside it. Outputs are first"
        + " made private copies, so the data stays in the workspace. A cache configured outside .dvc"
        + " (cache.dir) is kept. Asks for confirmation unless -f is given; this cannot be undone."})
final class DestroyCmd extends BaseCommand {
  @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
  boolean force;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      if (!force && !confirm("This will destroy all information about your pipelines, all data files, as well"
          + " as cache in .dvc/cache.\nAre you sure you want to continue?")) {
        throw new ExitException(ExitCodes.FAILED, "ERROR: cannot destroy without a confirmation from the user."
            + " Use `-f` to force.");
      }
      DestroyCommand.DestroyResult r = cairn.destroy().call();
      info("Removed " + r.files().size() + " DVC file(s) and " + cairn.repo().dvcDir() + ".");
      if (r.keptCache() != null) {
        info("The cache at " + r.keptCache() + " is outside the repository and was kept.");
      }
    }
    return 0;
  }
}
