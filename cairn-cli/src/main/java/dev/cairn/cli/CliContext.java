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
    cl.setParameterExceptionHandler((ex, badArgs) -> {
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

  private static String commandPath(CommandLine cl) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
      sb.insert(0, c.getCommandName() + " ");
    }
    return sb.toString();
  }
}
