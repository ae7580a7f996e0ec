package dev.cairn.cli;

import dev.cairn.errors.CairnException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the picocli command line with injected writers, exit-code mapping and error printing. */
final class CliContext {
  private CliContext() {}

  static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean terminal) {
    return commandLine(out, err, terminal, System.getenv());
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean terminal, java.util.Map<String, String> env) {
    return commandLine(out, err, terminal, env, null);
  }

  /**
   * The command line for {@code args}: with only the subcommands {@link RootCommand#subcommandsFor}
   * picks registered (building every command's model costs start-up time), or the whole tree when
   * {@code args} is null.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean terminal, java.util.Map<String, String> env,
      String[] args) {
    RootCommand root = new RootCommand();
    root.terminal = terminal;
    root.env = env;
    CommandLine cl = new CommandLine(root);
    for (Class<?> c : args == null ? RootCommand.SUBCOMMANDS : RootCommand.subcommandsFor(args)) {
      cl.addSubcommand(c);
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(ExitCodes::forThrowable);
    cl.setExecutionStrategy(CliContext::refuseUnknownCommand);
    cl.setParameterExceptionHandler((ex, badArgs) -> {
      String unknown = unknownCommand(ex);
      if (unknown != null) {
        err.println(unknown);
        return ExitCodes.USAGE;
      }
      err.println("cairn: " + ex.getMessage());
      err.println("Run 'cairn " + commandPath(ex.getCommandLine()) + "--help' for usage.");
      return ExitCodes.USAGE;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      boolean verbose = root.verbose;
      if (ex instanceof ExitException ee) {
        if (ee.getMessage() != null) {
          err.println(ee.getMessage());
        }
      } else if (ex instanceof CairnException) {
        err.println("ERROR: " + ex.getMessage());
      } else {
        err.println("ERROR: internal error: " + ex + " (please report it; run with --verbose for the stack trace)");
      }
      if (verbose) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.forThrowable(ex);
    });
    return cl;
  }

  /**
   * Runs the last command parsed, unless the arguments name a command that does not exist: with
   * {@code --help} picocli does not report unmatched words, so {@code cairn import --help} would
   * print the root's help and exit 0.
   */
  private static int refuseUnknownCommand(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    if (!last.unmatched().isEmpty() && !last.commandSpec().subcommands().isEmpty()) {
      throw new CommandLine.UnmatchedArgumentException(last.commandSpec().commandLine(), last.unmatched());
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /**
   * The one line for a word that is not a subcommand of a command that has some ({@code cairn:
   * unknown command 'imprt'. Did you mean 'import'?}), or null for other usage errors.
   */
  private static String unknownCommand(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()
        || ex.getCommandLine().getSubcommands().isEmpty()) {
      return null;
    }
    String word = u.getUnmatched().get(0);
    if (word.startsWith("-")) {
      return null;
    }
    String path = "cairn " + commandPath(ex.getCommandLine());
    // the visible command closest in edits (picocli's own suggestions rank 'exp push' before 'exp show' for 'shw')
    String near = null;
    int best = Math.max(1, word.length() / 2) + 1;
    for (var e : ex.getCommandLine().getSubcommands().entrySet()) {
      String name = e.getKey();
      if (e.getValue().getCommandSpec().usageMessage().hidden() || name.equals("generate-completion")) {
        continue;
      }
      int d = editDistance(word, name);
      if (d < best) {
        best = d;
        near = name;
      }
    }
    return "cairn: unknown command '" + (path.substring("cairn ".length()) + word) + "'. "
        + (near == null ? "Run '" + path + "--help' for the commands."
            : "Did you mean '" + path.substring("cairn ".length()) + near + "'?");
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String commandPath(CommandLine cl) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
      sb.insert(0, c.getCommandName() + " ");
    }
    return sb.toString();
  }
}
