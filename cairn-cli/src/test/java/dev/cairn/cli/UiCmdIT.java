package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.api.Cairn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn ui} as a user runs it: the packaged jar in a repository outside the checkout, the URL
 * read from stdout, the page and the API fetched over HTTP, the process stopped with SIGTERM.
 */
class UiCmdIT {
  private static final Pattern URL = Pattern.compile("^http://127\\.0\\.0\\.1:(\\d+)/#token=([A-Za-z0-9_-]{43})$");

  @TempDir
  Path tmp;

  private Path repo() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Cairn.init(repo).call();
      Files.writeString(repo.resolve("params.yaml"), "train:\n  C: 1\n");
      Files.writeString(repo.resolve("dvc.yaml"), "stages:\n  train:\n    cmd: echo hi\n    params:\n    - train.C\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("baseline").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
    }
    return repo;
  }

  private Process start(Path repo, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", CrashIT.jar().toString(), "-C", repo.toString(), "-v", "ui"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(tmp.resolve("err.log").toFile()).start();
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      b.header("X-Cairn-Token", token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageAndTheApiWithTheTokenFromTheUrl() throws Exception {
    Path repo = repo();
    Process p = start(repo);
    try {
      String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      Matcher m = URL.matcher(String.valueOf(line));
      assertThat(m.matches()).as("first stdout line: %s", line).isTrue();
      String base = "http://127.0.0.1:" + m.group(1);
      String token = m.group(2);
      HttpResponse<String> page = get(base + "/", null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>Cairn experiments</title>").contains("/vendor/vega-lite.min.js");
      assertThat(get(base + "/vendor/vega.min.js", null).body().length()).isGreaterThan(100_000);
      assertThat(get(base + "/api/session", null).statusCode()).isEqualTo(401);
      HttpResponse<String> session = get(base + "/api/session", token);
      assertThat(session.statusCode()).isEqualTo(200);
      assertThat(session.body()).contains("\"writable\":true");
      HttpResponse<String> exps = get(base + "/api/experiments", token);
      assertThat(exps.statusCode()).isEqualTo(200);
      assertThat(exps.body()).contains("\"name\":\"main\"");
      assertThat(get(base + "/api/pipeline", token).body()).contains("\"name\":\"train\"");
      p.destroy(); // SIGTERM: the shutdown hook stops the server
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String err = Files.readString(tmp.resolve("err.log"));
      assertThat(err).contains("Serving " + repo.toRealPath()).contains("GET /api/session 401")
          .contains("GET /api/experiments 200").doesNotContain(token);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void noWriteAndHostAreSaidOnStartAndBadPortsAreUsageErrors() throws Exception {
    Path repo = repo();
    Process p = start(repo, "--no-write", "--host", "0.0.0.0");
    try {
      String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      Matcher m = Pattern.compile("^http://([^/:]+):(\\d+)/#token=([A-Za-z0-9_-]{43})$").matcher(String.valueOf(line));
      assertThat(m.matches()).as("first stdout line: %s", line).isTrue();
      assertThat(m.group(1)).as("this machine's name, not the wildcard").isNotEqualTo("0.0.0.0");
      String port = m.group(2);
      String token = m.group(3);
      HttpResponse<String> session = get("http://127.0.0.1:" + port + "/api/session", token);
      assertThat(session.body()).contains("\"writable\":false");
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(tmp.resolve("err.log"))).contains("WARNING: cairn ui listens on 0.0.0.0")
          .contains("(read-only)");
    } finally {
      p.destroyForcibly();
    }
    Process bad = start(repo, "--port", "70000");
    assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(bad.exitValue()).isEqualTo(2);
    assertThat(Files.readString(tmp.resolve("err.log"))).contains("--port must be 0..65535");
  }
}
