package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.InstallHooksCommand;
import dev.cairn.merge.MergeDriverInstall;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn install}: what Cairn installs into the Git repository, DVC's command of that name (the
 * Git hooks) plus Cairn's merge driver. Each part has its own flag; with no flag, every part is
 * installed.
 */
@Command(name = "install", description = {
    "Install Cairn into the Git repository, as DVC's install does, plus a merge driver.",
    "Hooks: post-checkout runs 'cairn checkout' after a branch switch, pre-commit runs 'cairn status', pre-push runs 'cairn push'. Each hook is '#!/bin/sh' and 'exec cairn git-hook <hook> $@' (./cairnw when the repository has the wrapper). An existing hook with other content is refused and nothing is written. With --use-pre-commit-tool the hooks go into .pre-commit-config.yaml as a 'repo: local' entry instead; then run 'pre-commit install --hook-type pre-commit --hook-type pre-push --hook-type post-checkout'.",
    "Merge driver: for dvc.lock, .dvc files and .dir manifests (one line per pattern in .gitattributes, merge.cairn.driver in the Git config), so that a merge whose sides changed different entries of these files succeeds; when both sides changed the same entry the file is left as a normal conflict, naming both hashes.",
    "With no option every part is installed; with --hooks or --merge-driver only those parts."})
final class InstallCmd extends BaseCommand {
  @Option(names = "--hooks", description = "Install the Git hooks.")
  boolean hooks;

  @Option(names = "--merge-driver", description = "Install the merge driver.")
  boolean mergeDriver;

  @Option(names = "--use-pre-commit-tool", description = "Add the hooks to .pre-commit-config.yaml for the pre-commit tool instead of writing them into the Git hooks directory.")
  boolean usePreCommitTool;

  @Override
  int doCall() throws Exception {
    boolean all = !hooks && !mergeDriver && !usePreCommitTool;
    if (hooks || usePreCommitTool || all) {
      installHooks();
    }
    if (mergeDriver || all) {
      installMergeDriver();
    }
    return 0;
  }

  private void installHooks() throws Exception {
    try (Cairn cairn = open()) {
      InstallHooksCommand.InstallResult r = cairn.installHooks().setUsePreCommitTool(usePreCommitTool).call();
      for (Path p : r.written()) {
        info("Wrote " + p);
      }
      for (Path p : r.unchanged()) {
        info("Already installed: " + p);
      }
      if (usePreCommitTool) {
        info("Now run: pre-commit install --hook-type pre-commit --hook-type pre-push --hook-type post-checkout");
      }
    }
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
