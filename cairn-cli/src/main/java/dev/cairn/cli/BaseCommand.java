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
