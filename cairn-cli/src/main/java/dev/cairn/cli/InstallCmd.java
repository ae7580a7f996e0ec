package dev.cairn.cli;

import dev.cairn.merge.MergeDriverInstall;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn install}: what Cairn installs into the Git repository. Each part has its own flag;
 * with no flag, every part is installed.
 */
@Command(name = "install", description = {
    "Install Cairn into the Git repository: the merge driver for dvc.lock, .dvc files and .dir manifests (one line per pattern in .gitattributes, merge.cairn.driver in the Git config), so that a merge whose sides changed different entries of these files succeeds; when both sides changed the same entry the file is left as a normal conflict, naming both hashes.",
    "With no option every part is installed; with options only those parts."})
final class InstallCmd extends BaseCommand {
  @Option(names = "--merge-driver", description = "Install the merge driver.")
  boolean mergeDriver;

  @Override
  int doCall() throws Exception {
    boolean all = !mergeDriver;
    if (mergeDriver || all) {
      installMergeDriver();
    }
    return 0;
  }

  private void installMergeDriver() throws Exception {
    MergeDriverInstall.Result r;
    try (var cairn = open()) {
      r = MergeDriverInstall.install(cairn.repo().root());
    } catch (IOException e) {
      throw new ExitException(ExitCodes.STATE, "ERROR: " + e.getMessage());
    }
    if (r.unchanged()) {
      out().println("The merge driver is installed already.");
    } else {
      out().println("Merge driver '" + MergeDriverInstall.NAME + "' installed for "
          + String.join(", ", MergeDriverInstall.PATTERNS) + " (.gitattributes, Git config).");
    }
  }
}
