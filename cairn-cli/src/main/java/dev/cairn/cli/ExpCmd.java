package dev.cairn.cli;

import picocli.CommandLine.Command;

@Command(name = "exp",
    description = {"Run, compare and keep experiments: pipeline variations saved as Git commits under refs/exps/ (DVC's layout), without moving HEAD or your branches."},
    subcommands = {
      ExpRunCmd.class,
      ExpSaveCmd.class,
      ExpShowCmd.class,
      ExpDiffCmd.class,
      ExpApplyCmd.class,
      ExpBranchCmd.class,
      ExpRemoveCmd.class,
      ExpSyncCmd.Push.class,
      ExpSyncCmd.Pull.class,
      ExpListCmd.class,
      ExpRenameCmd.class,
      ExpCleanCmd.class,
    })
final class ExpCmd extends GroupCommand {
}
