package dev.cairn.cli;

import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code cairn} root command: global options and the list of subcommands. */
@Command(
    name = "cairn",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {
      "Reproducible ML pipelines and CI reports for the JVM.",
      "Reads and writes DVC 3's files (dvc.yaml, dvc.lock, *.dvc, .dvc/config, the cache and remotes),",
      "so an existing DVC repository works with either tool."
    },
    subcommands = {
      InitCmd.class,
      AddCmd.class,
      StatusCmd.class,
      StageCmd.class,
      ReproCmd.class,
      ExpCmd.class,
      DagCmd.class,
      CommitCmd.class,
      CheckoutCmd.class,
      RemoveCmd.class,
      GcCmd.class,
      FsckCmd.class,
      PushCmd.class,
      FetchCmd.class,
      PullCmd.class,
      CacheCmd.class,
      ConfigCmd.class,
      RemoteCmd.class,
      MetricsCmd.Metrics.class,
      MetricsCmd.Params.class,
      PlotsCmd.class,
      QuickstartCmd.class,
      ReportCmd.class,
      CommentCmd.class,
      CiCmd.class,
      VersionCommand.class,
      AutoComplete.GenerateCompletion.class,
    })
public final class RootCommand implements Runnable {
  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only errors.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print more detail, and stack traces on errors.")
  boolean verbose;

  @Option(names = "-C", scope = ScopeType.INHERIT, paramLabel = "<dir>", description = "Run as if started in <dir>.")
  Path directory;

  boolean terminal;

  /** The process environment; tests pass their own. */
  java.util.Map<String, String> env = System.getenv();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The directory the command runs in: {@code -C} or the current directory. */
  Path workDir() {
    Path base = Path.of("").toAbsolutePath();
    return directory == null ? base : base.resolve(directory).normalize();
  }
}
