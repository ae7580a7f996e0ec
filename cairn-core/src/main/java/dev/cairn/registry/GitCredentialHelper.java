package dev.cairn.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Answers a Git server's request for credentials over HTTP(S) with what git's configured credential
 * helpers know ({@code git credential fill}), as git itself would: the store, the cache, a system
 * keychain or a forge's helper. Never prompts (no terminal prompt, no askpass), so a missing entry
 * is simply no answer. Quietly answers nothing when git is not installed.
 */
final class GitCredentialHelper extends CredentialsProvider {
  private static final long TIMEOUT_S = 30;
  private final Map<String, String> env;

  GitCredentialHelper(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public boolean isInteractive() {
    return false;
  }

  @Override
  public boolean supports(CredentialItem... items) {
    for (CredentialItem i : items) {
      if (!(i instanceof CredentialItem.Username) && !(i instanceof CredentialItem.Password)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
    if (!TokenCredentials.isHttp(uri)) {
      return false;
    }
    Map<String, String> answer = fill(uri);
    if (answer == null || answer.get("password") == null) {
      return false;
    }
    for (CredentialItem i : items) {
      if (i instanceof CredentialItem.Username u) {
        u.setValue(answer.getOrDefault("username", uri.getUser()));
      } else if (i instanceof CredentialItem.Password p) {
        p.setValue(answer.get("password").toCharArray());
      } else {
        throw new UnsupportedCredentialItem(uri, i.getClass().getSimpleName());
      }
    }
    return true;
  }

  /** The helper's answer for {@code uri} ({@code username}, {@code password}), or null. */
  Map<String, String> fill(URIish uri) {
    StringBuilder request = new StringBuilder();
    request.append("protocol=").append(uri.getScheme().toLowerCase(java.util.Locale.ROOT)).append('\n');
    request.append("host=").append(uri.getHost());
    if (uri.getPort() > 0) {
      request.append(':').append(uri.getPort());
    }
    request.append('\n');
    String path = uri.getPath();
    if (path != null && path.startsWith("/")) {
      path = path.substring(1);
    }
    if (path != null && !path.isEmpty()) {
      request.append("path=").append(path).append('\n');
    }
    if (uri.getUser() != null) {
      request.append("username=").append(uri.getUser()).append('\n');
    }
    request.append('\n');
    ProcessBuilder pb = new ProcessBuilder(List.of("git", "credential", "fill"));
    Map<String, String> penv = pb.environment();
    for (String k : List.of("HOME", "PATH", "XDG_CONFIG_HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM",
        "GIT_CONFIG_NOSYSTEM")) {
      if (env.get(k) != null) {
        penv.put(k, env.get(k));
      }
    }
    penv.put("GIT_TERMINAL_PROMPT", "0");
    penv.remove("GIT_ASKPASS");
    penv.remove("SSH_ASKPASS");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process proc;
    try {
      proc = pb.start();
    } catch (IOException e) {
      return null; // no git here
    }
    try {
      try (OutputStream in = proc.getOutputStream()) {
        in.write(request.toString().getBytes(StandardCharsets.UTF_8));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream o = proc.getInputStream()) {
        o.transferTo(out);
      }
      if (!proc.waitFor(TIMEOUT_S, TimeUnit.SECONDS) || proc.exitValue() != 0) {
        proc.destroyForcibly();
        return null;
      }
      Map<String, String> m = new HashMap<>();
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return m;
    } catch (IOException e) {
      proc.destroyForcibly();
      return null;
    } catch (InterruptedException e) {
      proc.destroyForcibly();
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
