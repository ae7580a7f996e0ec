package dev.cairn.cli;

import picocli.CommandLine.Command;

@Command(name = "exp",
    description = {"Run, compare and keep experiments: pipeline variations saved as Git commits under",
        "refs/exps/ (DVC's layout), without moving HEAD or your branches."},
    subcommands = {
      ExpRunCmd.class,
      ExpSaveCmd.class,
      // exp show, diff, apply, branch, remove, push, pull
    })
final class ExpCmd extends BaseCommand {
  @Override
  int doCall() {
    spec.commandLine().usage(out());
    return 0;
  }
}
