package dev.cairn.cli;

import picocli.CommandLine.Command;

@Command(name = "ci", description = "Set up and run the CI job: cairn ci init writes the workflow, cairn ci run is the job.",
    subcommands = {CiInitCmd.class, CiRunCmd.class, CiMatrixCmd.class})
final class CiCmd extends GroupCommand {
}
