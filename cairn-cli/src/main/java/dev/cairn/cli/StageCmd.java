package dev.cairn.cli;

import picocli.CommandLine.Command;

@Command(name = "stage", description = "Add stages to dvc.yaml and list them.",
    subcommands = {StageAddCmd.class, StageListCmd.class})
final class StageCmd extends GroupCommand {
}
