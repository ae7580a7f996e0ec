package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.errors.CairnException;
import dev.cairn.progress.NullProgressMonitor;
import dev.cairn.progress.ProgressMonitor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Base of CLI commands: access to global options, the writers, and the repository. */
abstract class BaseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean helpRequested;

  RootCommand root() {
    return (RootCommand) spec.root().userObject();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints a message to stderr unless {@code -q}. */
  void info(String msg) {
    if (!root().quiet) {
      err().println(msg);
    }
  }

  /** Standard input: the process's, or what a test set on the root command. */
  java.io.InputStream in() {
    return root().in;
  }

  /**
   * Asks {@code question} on stderr and reads a yes/no answer from standard input, as DVC's {@code
   * ui.confirm}: {@code y}/{@code yes} is yes; anything else, or end of input, is no.
   */
  boolean confirm(String question) throws java.io.IOException {
    err().print(question + " [y/n] ");
    err().flush();
    java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in(),
        java.nio.charset.StandardCharsets.UTF_8));
    String line = r.readLine();
    if (line == null) {
      err().println(); // no answer typed: what follows starts on its own line
    }
    String a = line == null ? "" : line.strip().toLowerCase(java.util.Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }

  /** The environment: the process's, or the one a test passed to {@link Main#run}. */
  java.util.Map<String, String> env() {
    return root().env;
  }

  Path workDir() {
    return root().workDir();
  }

  Cairn open() throws CairnException {
    return Cairn.open(workDir(), env());
  }

  /** A progress monitor on stderr when it is a terminal and not quiet. */
  ProgressMonitor monitor() {
    if (root().quiet || !root().terminal) {
      return NullProgressMonitor.INSTANCE;
    }
    return new TextProgressMonitor(err());
  }

  /** Resolves a user-given path against the working directory. */
  Path resolve(String p) {
    return workDir().resolve(p).normalize();
  }

  @Override
  public final Integer call() throws Exception {
    return doCall();
  }

  abstract int doCall() throws Exception;
}
