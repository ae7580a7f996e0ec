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
      "Reads and writes DVC 3's files (dvc.yaml, dvc.lock, *.dvc, .dvc/config, the cache and remotes), so an existing DVC repository works with either tool."
    })
public final class RootCommand implements Runnable {
  /**
   * The subcommands, in the order the usage help lists them. They are not in the {@code @Command}
   * annotation: picocli reflects over every registered command class when it builds the tree, which
   * cost a short command like a no-op {@code repro} about a tenth of a second; {@link CliContext}
   * registers only the one the arguments name (all of them for help, completion and mistakes).
   */
  static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
      InitCmd.class,
      NewCmd.class,
      AddCmd.class,
      StatusCmd.class,
      StageCmd.class,
      ReproCmd.class,
      ExpCmd.class,
      QueueCmd.class,
      DagCmd.class,
      CommitCmd.class,
      CheckoutCmd.class,
      RemoveCmd.class,
      GcCmd.class,
      FsckCmd.class,
      DiffCmd.class,
      DataCmd.class,
      MoveCmd.class,
      UnprotectCmd.class,
      FreezeCmd.Freeze.class,
      FreezeCmd.Unfreeze.class,
      CheckIgnoreCmd.class,
      InstallCmd.class,
      GitHookCmd.class,
      RootCmd.class,
      DuCmd.class,
      DestroyCmd.class,
      PushCmd.class,
      FetchCmd.class,
      PullCmd.class,
      ImportCmd.class,
      UpdateCmd.class,
      GetCmd.class,
      ListCmd.class,
      ImportUrlCmd.class,
      GetUrlCmd.class,
      ListUrlCmd.class,
      CacheCmd.class,
      ConfigCmd.class,
      RemoteCmd.class,
      MetricsCmd.Metrics.class,
      MetricsCmd.Params.class,
      PlotsCmd.class,
      QuickstartCmd.class,
      ReportCmd.class,
      CommentCmd.class,
      CheckCmd.class,
      PrCmd.class,
      AssetCmd.class,
      CiCmd.class,
      UiCmd.class,
      WrapperCmd.class,
      VersionCommand.class,
      AutoComplete.GenerateCompletion.class);

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only errors.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print more detail, and stack traces on errors.")
  boolean verbose;

  @Option(names = "-C", scope = ScopeType.INHERIT, paramLabel = "<dir>", description = "Run as if started in <dir>.")
  Path directory;

  boolean terminal;

  /** Standard input ({@code check-ignore --stdin}, confirmations); tests set their own. */
  java.io.InputStream in = System.in;

  /** The process environment; tests pass their own. */
  java.util.Map<String, String> env = System.getenv();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The subcommands to register for {@code args}: the one they name (the first word that is not a
   * global option or the value of {@code -C}); none for a bare {@code --version}; all of them when
   * the usage help may be printed, the word is unknown (so that picocli can suggest), or for
   * {@code generate-completion}.
   */
  static java.util.List<Class<?>> subcommandsFor(String[] args) {
    boolean version = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return SUBCOMMANDS;
      }
      if (a.startsWith("--")) {
        version |= a.equals("--version");
        help |= a.equals("--help");
        continue;
      }
      if (a.startsWith("-") && a.length() > 1) {
        int c = a.indexOf('C');
        String flags = c < 0 ? a : a.substring(0, c);
        version |= flags.indexOf('V') > 0;
        help |= flags.indexOf('h') > 0;
        if (c == a.length() - 1) {
          i++; // -C <dir>, or a cluster ending in it (-qC <dir>)
        }
        continue;
      }
      for (Class<?> cls : SUBCOMMANDS) {
        Command cmd = cls.getAnnotation(Command.class);
        if (cmd != null && (cmd.name().equals(a) || java.util.Arrays.asList(cmd.aliases()).contains(a))) {
          return cls == AutoComplete.GenerateCompletion.class ? SUBCOMMANDS : java.util.List.of(cls);
        }
      }
      return SUBCOMMANDS;
    }
    return version && !help ? java.util.List.of() : SUBCOMMANDS;
  }

  /** The directory the command runs in: {@code -C} or the current directory. */
  Path workDir() {
    Path base = Path.of("").toAbsolutePath();
    return directory == null ? base : base.resolve(directory).normalize();
  }
}
