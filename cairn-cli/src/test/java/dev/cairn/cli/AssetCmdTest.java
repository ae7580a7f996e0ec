package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.forge.github.FakeGitHub;
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

/** {@code cairn asset publish}: to GitHub's cairn-assets branch (the OpenAPI-checked stub), to an asset server, refusals. */
class AssetCmdTest {
  @TempDir
  Path tmp;

  FakeGitHub github;
  PrRepo repo;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    github = new FakeGitHub();
    repo = new PrRepo(tmp.resolve("repo"));
    env = new HashMap<>(repo.env);
    env.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "octo/wine", "GITHUB_EVENT_NAME", "push",
        "GITHUB_SHA", "b".repeat(40), "GITHUB_SERVER_URL", "https://github.example",
        "GITHUB_API_URL", github.stub.uri("/api/v3").toString(), "GITHUB_TOKEN", FakeGitHub.TOKEN));
  }

  @AfterEach
  void tearDown() {
    github.close();
  }

  @Test
  void publishesToTheAssetsBranchAndPrintsUrlOrMarkdown() throws Exception {
    Files.write(repo.root.resolve("confusion.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    PrRepo.Result r = repo.run(env, "asset", "publish", "confusion.png");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("/octo/wine/blob/cairn-assets/reports/").endsWith("-confusion.png?raw=true\n");
    assertThat(github.refs).containsKey("refs/heads/cairn-assets");

    PrRepo.Result md = repo.run(env, "asset", "publish", "confusion.png", "--md", "--title", "Confusion matrix");
    assertThat(md.code()).as(md.err()).isZero();
    assertThat(md.out()).startsWith("![Confusion matrix](").endsWith("-confusion.png?raw=true)\n");

    repo.write("train.log", "epoch 1\n");
    PrRepo.Result log = repo.run(env, "asset", "publish", "train.log", "--md");
    assertThat(log.code()).as(log.err()).isZero();
    assertThat(log.out()).startsWith("[train.log](").contains("-train.log?raw=true");
    assertThat(github.stub.failures()).isEmpty();
  }

  @Test
  void publishesToAnAssetServer() throws Exception {
    List<String> puts = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      puts.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + x.getRequestHeaders().getFirst("Content-Type"));
      x.getRequestBody().readAllBytes();
      x.getResponseHeaders().add("Location", "/files/abc.png");
      x.sendResponseHeaders(201, -1);
      x.close();
    });
    server.start();
    try {
      Files.write(repo.root.resolve("plot.png"), new byte[] {1, 2, 3});
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/assets/";
      PrRepo.Result r = repo.run(repo.env, "asset", "publish", "plot.png", "--url", base);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("http://127.0.0.1:" + server.getAddress().getPort() + "/files/abc.png\n");
      assertThat(puts).singleElement().asString().startsWith("PUT /assets/").endsWith("-plot.png image/png");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void refusals() throws Exception {
    PrRepo.Result missing = repo.run(env, "asset", "publish", "nope.png");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("ERROR: File '").endsWith("nope.png' does not exist\n");
    repo.write("plot.png", "x");
    PrRepo.Result server = repo.run(repo.env, "asset", "publish", "plot.png", "--forge", "bitbucket-server", "--repo",
        "PROJ/wine", "--api-url", "http://127.0.0.1:9/rest/api/1.0", "--token", "t0ken");
    assertThat(server.code()).isEqualTo(1);
    assertThat(server.err()).startsWith("ERROR: Bitbucket Server's REST API documents no attachment upload");
    assertThat(server.err().strip()).doesNotContain("\n");
    PrRepo.Result outside = repo.run(repo.env, "asset", "publish", "plot.png");
    assertThat(outside.code()).isEqualTo(2);
    assertThat(outside.err()).startsWith("ERROR: Not in a recognised CI run");
  }
}
