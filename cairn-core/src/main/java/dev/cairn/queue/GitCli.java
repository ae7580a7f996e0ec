package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code git} command, for moving queue entries and experiment refs to and from the Git remote
 * the workers use: every transport and credential helper the user's Git has (SSH, HTTPS with a
 * token, a path) works, as in the job scripts, which also use {@code git}. Never prompts.
 */
final class GitCli {
  private final Path dir;
  private final Map<String, String> env;

  GitCli(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  /** What a git command printed and returned. */
  record Result(int code, String out, String err) {
    boolean ok() {
      return code == 0;
    }

    /** The last non-blank line of stderr (git's error), or the exit code. */
    String error() {
      String[] lines = err.strip().split("\n");
      String last = lines[lines.length - 1].strip();
      return last.isEmpty() ? "exit code " + code : last;
    }
  }

  Result run(String... args) throws CairnException {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process p = pb.start();
      java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return p.getErrorStream().readAllBytes();
        } catch (IOException e) {
          return new byte[0];
        }
      });
      byte[] out = p.getInputStream().readAllBytes();
      int code = p.waitFor();
      return new Result(code, new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw CairnException.failed("Cannot run git (" + e.getMessage() + "); the queue's batch executors need the"
          + " git command on PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CairnException.failed("Interrupted while running git " + String.join(" ", args), e);
    }
  }

  /** Runs git and fails with its error line unless it succeeds. */
  String check(String what, String... args) throws CairnException {
    Result r = run(args);
    if (!r.ok()) {
      throw CairnException.failed(what + ": git " + args[0] + " failed: " + r.error(), null);
    }
    return r.out();
  }

  /**
   * The URL of the Git remote {@code remote} (a configured remote's URL; anything else is taken as
   * a URL or path already). A relative path is made absolute against the repository.
   */
  String url(String remote) throws CairnException {
    Result r = run("config", "--get", "remote." + remote + ".url");
    String u = r.ok() ? r.out().strip() : remote;
    if (!u.contains("://") && !u.matches("^[^/]+@[^/]+:.*") && !Path.of(u).isAbsolute()) {
      Path p = dir.resolve(u).normalize();
      if (java.nio.file.Files.exists(p)) {
        return p.toString();
      }
    }
    return u;
  }
}
