package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.InstallHooksCommand;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn install}: DVC's command of that name (the Git hooks). */
@Command(name = "install", description = {
    "Install Git hooks that keep data in step with Git, as DVC's install does: post-checkout runs"
        + " 'cairn checkout' after a branch switch, pre-commit runs 'cairn status', pre-push runs 'cairn push'."
        + " Each hook is '#!/bin/sh' and 'exec cairn git-hook <hook> $@' (./cairnw when the repository has the"
        + " wrapper). An existing hook with other content is refused and nothing is written.",
    "With --use-pre-commit-tool the hooks go into .pre-commit-config.yaml as a 'repo: local' entry instead;"
        + " then run 'pre-commit install --hook-type pre-commit --hook-type pre-push --hook-type post-checkout'."})
final class InstallCmd extends BaseCommand {
  @Option(names = "--use-pre-commit-tool", description = "Add the hooks to .pre-commit-config.yaml for the pre-commit"
      + " tool instead of writing them into the Git hooks directory.")
  boolean usePreCommitTool;

  @Override
  int doCall() throws Exception {
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
    return 0;
  }
}
