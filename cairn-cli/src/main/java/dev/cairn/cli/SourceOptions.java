package dev.cairn.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code get} and {@code import} read and where it goes: the source, the path in it, the destination, the jobs. */
final class SourceOptions {
  @Parameters(index = "0", paramLabel = "<url>", description = "Location of the DVC or Git repository to download from: a path, https://, ssh:// or git@host:path.")
  String url;

  @Parameters(index = "1", paramLabel = "<path>", description = "Path to a file or directory within the repository.")
  String path;

  @Option(names = {"-o", "--out"}, paramLabel = "<path>", description = "Destination path to download files to (inside it when it is a directory).")
  String out;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<number>", description = "Number of parallel downloads (default 4 × CPUs).")
  int jobs;

  /** The number of parallel downloads, 0 for the default; exit 2 when negative. */
  int jobs() throws ExitException {
    if (jobs < 0) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --jobs must be at least 1, got " + jobs);
    }
    return jobs;
  }
}
