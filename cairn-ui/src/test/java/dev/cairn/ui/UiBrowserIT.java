package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.api.Cairn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: Debian's Chromium ({@code /usr/bin/chromium}, or {@code
 * CAIRN_CHROMIUM}) driven by npm's {@code playwright-core} from the checkout's {@code node_modules}
 * ({@code npm ci}), through {@code src/test/js/dashboard.mjs}. The server runs in this JVM over a
 * real repository with three experiments. Without Chromium or playwright-core the tests are skipped,
 * except under CI ({@code CI} set), where they fail: {@code .ci/run} installs both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static DashboardRepo repo;
  static UiServer server;
  static final List<String> log = Collections.synchronizedList(new ArrayList<>());
  static Path script;
  static Path outDir;

  @BeforeAll
  static void start() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CAIRN_CHROMIUM", "/usr/bin/chromium"));
    Path module = Path.of("").toAbsolutePath();
    Path playwright = null;
    for (Path p = module; p != null && playwright == null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("node_modules/playwright-core"))) {
        playwright = p.resolve("node_modules/playwright-core");
      }
    }
    String missing = !Files.isExecutable(chromium) ? chromium + " (apt-get install chromium)"
        : playwright == null ? "node_modules/playwright-core (npm ci at the checkout's root)" : null;
    if (missing != null) {
      if (System.getenv("CI") != null) {
        fail("The browser tests need " + missing + "; .ci/run installs it");
      }
      Assumptions.abort("The browser tests need " + missing);
    }
    script = module.resolve("src/test/js/dashboard.mjs");
    outDir = module.resolve("target/ui-browser");
    Files.createDirectories(outDir);
    repo = DashboardRepo.create(dir.resolve("repo"), 0.5, 2.0, 4.0);
    server = UiServer.start(new UiServer.Options(repo.root, UiServer.LOOPBACK, 0, true, System.getenv(), log::add));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      String token = server.pageUrl().getFragment().substring("token=".length());
      assertThat(String.join("\n", log)).doesNotContain(token);
    }
  }

  static JsonNode run(String scenario) throws Exception {
    Process p = new ProcessBuilder("node", script.toString(), scenario, server.pageUrl().toString(), outDir.toString())
        .directory(script.getParent().toFile()).redirectErrorStream(false).start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        return e.toString();
      }
    });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("scenario " + scenario + " timed out");
    }
    if (p.exitValue() != 0) {
      fail("scenario " + scenario + " failed (exit " + p.exitValue() + "):\n" + err.get() + "\n" + out
          + "\nserver log:\n" + String.join("\n", log));
    }
    String[] lines = out.strip().split("\n");
    JsonNode r = JSON.readTree(lines[lines.length - 1]);
    assertThat(r.path("externalRequests")).as("requests that left the server (the page must work offline)").isEmpty();
    assertThat(r.path("consoleErrors")).as("errors in the browser console; server log:\n%s", String.join("\n", log))
        .isEmpty();
    assertThat(r.path("addressBar").asText()).as("the token is dropped from the address bar").doesNotContain("token");
    return r;
  }

  private static List<String> texts(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<Double> numbers(JsonNode arr) {
    List<Double> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asDouble()));
    return out;
  }

  @Test
  @Order(1)
  void loadsThreeExperimentsAndSortsByAMetric() throws Exception {
    JsonNode r = run("table");
    assertThat(texts(r.get("experiments"))).containsExactlyInAnyOrder("exp-a", "exp-b", "exp-c");
    assertThat(texts(r.get("baselines"))).containsExactly("main");
    assertThat(r.get("workspace").asInt()).isEqualTo(1);
    assertThat(numbers(r.get("ascending"))).hasSize(3).isSorted();
    List<Double> desc = numbers(r.get("descending"));
    assertThat(desc).hasSize(3);
    assertThat(desc.get(0)).isGreaterThan(desc.get(1));
    assertThat(desc.get(1)).isGreaterThan(desc.get(2));
    // acc grows with C: exp-c (C=4) first when descending
    assertThat(texts(r.get("orderDescending"))).containsExactly("exp-c", "exp-b", "exp-a");
    assertThat(texts(r.get("filtered"))).containsExactlyInAnyOrder("exp-b", "exp-c");
    assertThat(texts(r.get("headersAfterHide"))).contains("acc", "train.C").doesNotContain("loss");
  }

  @Test
  @Order(2)
  void twoSelectedRowsGiveAPlotWithTwoSeries() throws Exception {
    JsonNode r = run("plots");
    assertThat(r.get("twoSeries")).isNotEmpty();
    JsonNode plot = r.get("twoSeries").get(0);
    assertThat(plot.get("id").asText()).isEqualTo("dvclive/plots/metrics/loss.tsv");
    assertThat(plot.get("paths").asInt()).isEqualTo(2);
    assertThat(texts(plot.get("legend"))).containsExactlyInAnyOrderElementsOf(texts(r.get("selected")));
    JsonNode images = r.get("images");
    assertThat(images).hasSize(1);
    assertThat(images.get(0).get("id").asText()).isEqualTo("images/confusion.png");
    assertThat(images.get(0).get("revs")).as("one image per selected experiment, side by side").hasSize(2);
    assertThat(images.get(0).get("loaded").asBoolean()).isTrue();
    assertThat(r.get("scatterPoints").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(texts(r.get("compareDiffers"))).contains("train.C", "acc").doesNotContain("train.epochs");
    assertThat(r.get("stages").get(0).get("name").asText()).isEqualTo("train");
    assertThat(Path.of(r.get("screenshot").asText())).isRegularFile();
  }

  @Test
  @Order(3)
  void aLiveMetricUpdatesWhileAStageRuns() throws Exception {
    repo.write("params.yaml", DashboardRepo.params(1.5, 300, 0.4)); // up to 2 minutes, ended by .stop
    CompletableFuture<Void> repro = CompletableFuture.runAsync(() -> {
      try (Cairn c = Cairn.open(repo.root)) {
        c.repro().call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      JsonNode r = run("live");
      List<String> steps = texts(r.get("steps"));
      assertThat(steps).as("the step shown in the page while the stage runs").hasSizeGreaterThanOrEqualTo(3);
      assertThat(steps.stream().distinct().count()).isGreaterThanOrEqualTo(3);
      assertThat(r.get("reloads").asInt()).as("no page reload").isEqualTo(1);
      assertThat(r.get("liveChartLines").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(r.get("runningBadge").asInt()).isGreaterThanOrEqualTo(1);
    } finally {
      repo.write(".stop", "");
      repro.get(120, TimeUnit.SECONDS);
      Files.delete(repo.root.resolve(".stop"));
      repo.write("params.yaml", DashboardRepo.params(1.0, 6, 0));
    }
  }

  @Test
  @Order(4)
  void anExperimentQueuedThroughTheFormAppearsAndFinishes() throws Exception {
    JsonNode r = run("queue");
    assertThat(r.get("queuedState").asText()).isIn("queued", "running");
    assertThat(r.get("queuedParam").asText()).isEqualTo("7");
    assertThat(r.get("finishedC").asDouble()).isEqualTo(7.0);
    assertThat(r.get("finishedAcc").asDouble()).isEqualTo(0.9375); // 1 - 0.5 / (1 + 7)
    assertThat(r.get("runLog").asText()).contains("epoch 5");
    assertThat(r.get("queuedLeft").asInt()).isZero();
  }
}
