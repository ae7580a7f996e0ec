package dev.cairn.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the {@code cairn} command; the only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // libraries (SSHD, the AWS and Azure SDKs) log through slf4j: only warnings, unless -v asks for more
    boolean verbose = java.util.Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err, System.console() != null);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the CLI with the given writers and returns the exit code (0 ok, 1 failed, 2 bad usage or
   * input, 3 unexpected state, 4 internal error). Used in-process by tests.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
    return CliContext.commandLine(out, err, terminal, System.getenv(), args).execute(args);
  }

  /** {@link #run(String[], PrintWriter, PrintWriter, boolean)} with the given environment instead of the process's. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal, java.util.Map<String, String> env) {
    return CliContext.commandLine(out, err, terminal, env, args).execute(args);
  }
}
