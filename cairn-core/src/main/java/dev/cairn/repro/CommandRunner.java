package dev.cairn.repro;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one command line as DVC does ({@code dvc/stage/run.py}): {@code $SHELL -c <line>}
 * ({@code /bin/sh} when unset; bash gets {@code --noprofile --norc}, zsh {@code --no-rcs}) in the
 * stage's wdir, with {@code DVC_ROOT} and {@code DVC_STAGE} added to the environment, standard input
 * closed, and both output streams forwarded line by line to the listener as they arrive.
 */
final class CommandRunner {
  private final Map<String, String> baseEnv;
  private final String shell;

  CommandRunner(Map<String, String> env) {
    this.baseEnv = Map.copyOf(env);
    String sh = env.get("SHELL");
    this.shell = sh == null || sh.isBlank() ? "/bin/sh" : sh;
  }

  /** The argument vector for a command line. */
  List<String> argv(String line) {
    List<String> argv = new ArrayList<>();
    argv.add(shell);
    String name = Path.of(shell).getFileName().toString();
    if (name.equals("bash")) {
      argv.add("--noprofile");
      argv.add("--norc");
    } else if (name.equals("zsh")) {
      argv.add("--no-rcs");
    }
    argv.add("-c");
    argv.add(line);
    return argv;
  }

  /**
   * Runs the line and waits for it.
   *
   * @return the exit code
   * @throws IOException if the shell cannot be started
   * @throws InterruptedException if the calling thread is interrupted (the process is then killed)
   */
  int run(String line, Path cwd, Path repoRoot, String stage, ReproListener listener)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv(line)).directory(cwd.toFile());
    Map<String, String> env = pb.environment();
    env.putAll(baseEnv);
    env.put("DVC_ROOT", repoRoot.toString());
    env.put("DVC_STAGE", stage);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    Thread out = pump(p.getInputStream(), stage, false, listener);
    Thread err = pump(p.getErrorStream(), stage, true, listener);
    try {
      int code = p.waitFor();
      out.join();
      err.join();
      return code;
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw e;
    }
  }

  private static Thread pump(InputStream in, String stage, boolean stderr, ReproListener listener) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          listener.output(stage, stderr, l);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "repro-" + stage + (stderr ? "-err" : "-out"));
    t.setDaemon(true);
    t.start();
    return t;
  }
}
