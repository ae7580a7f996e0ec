package dev.cairn.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for commands that do not extend {@link BaseCommand}. */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean helpRequested;
}
