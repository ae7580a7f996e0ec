package dev.cairn.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code cairn version}: prints the version. */
@Command(name = "version", description = "Print Cairn's version.")
final class VersionCommand extends BaseCommand {
  @Override
  int doCall() {
    out().println("cairn " + version());
    return 0;
  }

  static String version() {
    return BuildInfo.version();
  }

  /** Supplies {@code --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cairn " + version()};
    }
  }
}
