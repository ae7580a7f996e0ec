package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn comment create|update} and the comment step of {@code ci run}, against an in-process GitHub stub. */
class CommentCmdTest {
  @TempDir
  Path tmp;

  HttpServer server;
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  volatile String existing = "[]";
  PrRepo repo;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    repo = new PrRepo(tmp.resolve("repo"));
    Path event = tmp.resolve("event.json");
    Files.writeString(event, "{\"pull_request\": {\"number\": 7, \"head\": {\"sha\": \"" + "a".repeat(40)
        + "\", \"ref\": \"pr\", \"repo\": {\"full_name\": \"o/r\"}}, \"base\": {\"ref\": \"main\", "
        + "\"repo\": {\"full_name\": \"o/r\"}}}}");
    env = new HashMap<>(repo.env);
    env.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "o/r", "GITHUB_EVENT_NAME", "pull_request",
        "GITHUB_EVENT_PATH", event.toString(), "GITHUB_SHA", "b".repeat(40), "GITHUB_RUN_ID", "42",
        "GITHUB_SERVER_URL", "https://github.example", "GITHUB_API_URL",
        "http://127.0.0.1:" + server.getAddress().getPort(), "GITHUB_TOKEN", "ghs_secret_value_123"));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String line = x.getRequestMethod() + " " + x.getRequestURI();
    requests.add(line);
    if (!body.isEmpty()) {
      bodies.add(body);
    }
    String comment = "{\"id\": 99, \"html_url\": \"https://github.example/o/r/pull/7#issuecomment-99\", "
        + "\"body\": \"x\", \"user\": {\"login\": \"github-actions[bot]\", \"type\": \"Bot\"}}";
    if (line.startsWith("GET /user")) {
      send(x, 403, "{\"message\": \"Resource not accessible by integration\"}");
    } else if (line.startsWith("GET /repos/o/r/issues/7/comments")) {
      send(x, 200, existing);
    } else if (line.equals("POST /repos/o/r/issues/7/comments")) {
      // later listings show the comment just posted, marker and all
      existing = "[{\"id\": 99, \"html_url\": \"https://github.example/o/r/pull/7#issuecomment-99\", \"body\": "
          + new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("body").toString()
          + ", \"user\": {\"login\": \"github-actions[bot]\", \"type\": \"Bot\"}}]";
      send(x, 201, comment);
    } else if (line.equals("PATCH /repos/o/r/issues/comments/99")) {
      send(x, 200, comment);
    } else {
      send(x, 404, "{\"message\": \"Not Found\"}");
    }
  }

  private static void send(HttpExchange x, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
    x.close();
  }

  @Test
  void createThenUpdateInPlace() throws Exception {
    repo.write("report.md", "# Report\n\nAll good.\n");
    PrRepo.Result c = repo.run(env, "comment", "create", "report.md");
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out()).isEqualTo("https://github.example/o/r/pull/7#issuecomment-99\n");
    assertThat(requests).contains("POST /repos/o/r/issues/7/comments");
    assertThat(bodies.get(bodies.size() - 1)).contains("# Report").contains("<!-- cairn-report -->");
    assertThat(String.join("\n", requests) + c.err()).doesNotContain("ghs_secret_value_123");

    existing = "[{\"id\": 99, \"html_url\": \"https://github.example/o/r/pull/7#issuecomment-99\", "
        + "\"body\": \"# Old\\n\\n<!-- cairn-report -->\", \"user\": {\"login\": \"github-actions[bot]\", \"type\": \"Bot\"}}]";
    requests.clear();
    PrRepo.Result u = repo.run(env, "comment", "update", "report.md");
    assertThat(u.code()).as(u.err()).isZero();
    assertThat(requests).contains("PATCH /repos/o/r/issues/comments/99").doesNotContain("POST /repos/o/r/issues/7/comments");
  }

  @Test
  void badTargetAndMissingFile() throws Exception {
    repo.write("report.md", "x\n");
    PrRepo.Result t = repo.run(env, "comment", "create", "report.md", "--target", "branch/x");
    assertThat(t.code()).isEqualTo(2);
    assertThat(t.err()).startsWith("ERROR: --target: ");
    PrRepo.Result f = repo.run(env, "comment", "create", "nope.md");
    assertThat(f.code()).isEqualTo(2);
    assertThat(f.err()).contains("nope.md").contains("does not exist");
    PrRepo.Result outside = repo.run(repo.env, "comment", "create", "report.md");
    assertThat(outside.code()).isEqualTo(2);
    assertThat(outside.err()).contains("give --forge and --repo");
  }

  @Test
  void ciRunPostsTheReport() throws Exception {
    repo.write("cairn.yaml", "gates:\n  accuracy: {min: 0.5}\n");
    PrRepo.Result r = repo.run(env, "ci", "run", "--skip-tests");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("cairn ci run: comment ok: created https://github.example/o/r/pull/7#issuecomment-99");
    assertThat(bodies.get(bodies.size() - 1)).contains("# Cairn report: workspace vs main").contains("| repro | ✅ ok");
    assertThat(Files.readString(repo.root.resolve("report/report.md")))
        .contains("| comment | ✅ ok | created https://github.example/o/r/pull/7#issuecomment-99 |");
  }

  @Test
  void watchPostsUntilTheTimeOutAndEditsItsOwnComment() throws Exception {
    repo.write("report.md", "# Epoch 1\n");
    Thread writer = new Thread(() -> {
      try {
        Thread.sleep(3500);
        repo.write("report.md", "# Epoch 2\n");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    long start = System.nanoTime();
    PrRepo.Result w = repo.run(env, "comment", "create", "report.md", "--watch", "--watch-timeout", "7s");
    writer.join();
    assertThat(w.code()).as(w.err()).isZero();
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(6_500L, 20_000L);
    assertThat(w.out()).isEqualTo("https://github.example/o/r/pull/7#issuecomment-99\n");
    assertThat(w.err()).contains("Posted https://github.example/o/r/pull/7#issuecomment-99",
        "Watch ended: the report was posted 2 times");
    // the first post creates; the second edits our newest marked comment instead of adding one
    assertThat(requests.stream().filter(r -> r.equals("POST /repos/o/r/issues/7/comments")).count()).isEqualTo(1);
    assertThat(bodies.get(bodies.size() - 1)).contains("# Epoch 2");
  }

  @Test
  void watchOptionsAreChecked() throws Exception {
    repo.write("report.md", "x\n");
    PrRepo.Result lone = repo.run(env, "comment", "create", "report.md", "--watch-timeout", "5s");
    assertThat(lone.code()).isEqualTo(2);
    assertThat(lone.err()).isEqualTo("ERROR: --watch-timeout needs --watch\n");
    PrRepo.Result bad = repo.run(env, "comment", "update", "report.md", "--watch", "--watch-timeout", "soon");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("ERROR: --watch-timeout: cannot read 'soon': use e.g. 90s, 30m or 12h\n");
    assertThat(requests).isEmpty();
  }
}
