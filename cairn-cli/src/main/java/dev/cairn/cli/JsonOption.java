package dev.cairn.cli;

import picocli.CommandLine.Option;

/** The {@code --json} flag of reporting commands. */
final class JsonOption {
  @Option(names = "--json", description = "Print the result as JSON (DVC's shape).")
  boolean json;
}
