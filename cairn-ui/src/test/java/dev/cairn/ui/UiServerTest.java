package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's security rules over real sockets (raw HTTP, so the tests control every byte of the
 * request line and headers): loopback only, the token for every API call, Host and Origin checks,
 * static paths that cannot leave the bundle, read-only mode, and a log that never holds the token.
 */
class UiServerTest {
  @TempDir
  static Path dir;

  static DashboardRepo repo;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  UiServer server;

  /** A response: status code, headers (lower-case names) and body. */
  record Response(int status, Map<String, String> headers, String body) {}

  @BeforeAll
  static void repo() throws Exception {
    repo = DashboardRepo.create(dir.resolve("repo"), 0.5);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  UiServer start(boolean writable) throws IOException {
    server = UiServer.start(new UiServer.Options(repo.root, UiServer.LOOPBACK, 0, writable, System.getenv(), log::add));
    return server;
  }

  String token() {
    String url = server.pageUrl().toString();
    return url.substring(url.indexOf("#token=") + "#token=".length());
  }

  Response request(String method, String path, Map<String, String> headers, String body) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(60_000);
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      if (!headers.containsKey("Host")) {
        req.append("Host: 127.0.0.1:").append(server.port()).append("\r\n");
      }
      headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      req.append("Content-Length: ").append(b.length).append("\r\nConnection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.write(b);
      out.flush();
      InputStream in = s.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = raw.indexOf("\r\n\r\n");
      String[] head = raw.substring(0, end).split("\r\n");
      Map<String, String> h = new java.util.HashMap<>();
      for (int i = 1; i < head.length; i++) {
        int c = head[i].indexOf(':');
        h.put(head[i].substring(0, c).trim().toLowerCase(java.util.Locale.ROOT), head[i].substring(c + 1).trim());
      }
      String rest = raw.substring(end + 4);
      if ("chunked".equalsIgnoreCase(h.get("transfer-encoding"))) {
        rest = dechunk(rest);
      }
      return new Response(Integer.parseInt(head[0].split(" ")[1]), h, rest);
    }
  }

  private static String dechunk(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int eol = s.indexOf("\r\n", i);
      int n = Integer.parseInt(s.substring(i, eol).trim(), 16);
      if (n == 0) {
        break;
      }
      out.append(s, eol + 2, eol + 2 + n);
      i = eol + 2 + n + 2;
    }
    return out.toString();
  }

  Response get(String path, Map<String, String> headers) throws IOException {
    return request("GET", path, headers, null);
  }

  @Test
  void bindsLoopbackOnlyByDefault() throws Exception {
    start(true);
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.baseUrl().getHost()).isEqualTo("127.0.0.1");
    assertThat(server.pageUrl().toString()).startsWith("http://127.0.0.1:" + server.port() + "/#token=")
        .doesNotContain("?");
    Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
    assumeThat(external).as("a non-loopback address on this machine").isPresent();
    try (Socket s = new Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> s.connect(new InetSocketAddress(external.get(), server.port()), 2000)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void everyApiCallNeedsTheToken() throws Exception {
    start(true);
    assertThat(get("/api/experiments", Map.of()).status()).isEqualTo(401);
    assertThat(get("/api/experiments", Map.of(Guard.TOKEN_HEADER, "not-the-token")).status()).isEqualTo(401);
    assertThat(get("/api/experiments", Map.of(Guard.TOKEN_HEADER, token().substring(1))).status()).isEqualTo(401);
    assertThat(request("POST", "/api/queue", Map.of("Content-Type", "application/json"), "{\"params\":[]}").status())
        .isEqualTo(401);
    assertThat(get("/api/events", Map.of()).status()).isEqualTo(401);
    Response ok = get("/api/experiments", Map.of(Guard.TOKEN_HEADER, token()));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).contains("\"states\"").contains("exp-a");
    // the page shell is public (it holds no data); it works only with the token from the URL's fragment
    assertThat(get("/", Map.of()).status()).isEqualTo(200);
  }

  @Test
  void requestsFromAnotherOriginOrHostAreRefused() throws Exception {
    start(true);
    String t = token();
    Response cross = get("/api/experiments", Map.of(Guard.TOKEN_HEADER, t, "Origin", "http://evil.example"));
    assertThat(cross.status()).isEqualTo(403);
    assertThat(cross.headers()).doesNotContainKey("access-control-allow-origin");
    assertThat(request("POST", "/api/queue", Map.of(Guard.TOKEN_HEADER, t, "Origin", "http://evil.example",
        "Content-Type", "application/json"), "{\"params\":[\"train.C=9\"]}").status()).isEqualTo(403);
    // same host, another port is another origin
    assertThat(get("/api/experiments", Map.of(Guard.TOKEN_HEADER, t, "Origin", "http://127.0.0.1:1")).status())
        .isEqualTo(403);
    assertThat(get("/api/experiments", Map.of(Guard.TOKEN_HEADER, t, "Sec-Fetch-Site", "cross-site")).status())
        .isEqualTo(403);
    // DNS rebinding: a name that resolves to 127.0.0.1 but is not ours
    assertThat(get("/", Map.of("Host", "evil.example:" + server.port())).status()).isEqualTo(421);
    assertThat(get("/api/experiments", Map.of("Host", "evil.example:" + server.port(), Guard.TOKEN_HEADER, t)).status())
        .isEqualTo(421);
    assertThat(get("/", Map.of("Host", "127.0.0.1")).status()).isEqualTo(421);
    // our own origin and names pass
    assertThat(get("/api/session", Map.of(Guard.TOKEN_HEADER, t, "Origin", "http://127.0.0.1:" + server.port(),
        "Sec-Fetch-Site", "same-origin")).status()).isEqualTo(200);
    assertThat(get("/api/session", Map.of("Host", "localhost:" + server.port(), Guard.TOKEN_HEADER, t)).status())
        .isEqualTo(200);
    assertThat(get("/api/queue", Map.of(Guard.TOKEN_HEADER, t)).status()).isEqualTo(404);
    // a form post (no preflight in a browser) is not an accepted action
    assertThat(request("POST", "/api/queue", Map.of(Guard.TOKEN_HEADER, t, "Content-Type",
        "application/x-www-form-urlencoded"), "params=x").status()).isEqualTo(415);
  }

  @Test
  void staticPathsCannotEscapeTheBundle() throws Exception {
    start(true);
    assertThat(get("/", Map.of()).body()).contains("<title>Cairn experiments</title>");
    assertThat(get("/vendor/vega-lite.min.js", Map.of()).status()).isEqualTo(200);
    for (String p : List.of("/../pom.xml", "/%2e%2e/%2e%2e/pom.xml", "/vendor/../../../../../../etc/passwd",
        "/vendor/..%2f..%2fUiServer.class", "//etc/passwd", "/dev/cairn/ui/UiServer.class", "/site/index.html",
        "/..\\..\\pom.xml", "/app.js/../../pom.xml", "/vendor/", "/vendor", "/index.html%00.js", "/UiServer.class",
        "/../../../../../../../etc/passwd", "/%2fetc%2fpasswd", "/vendor/LICENSE-vega.txt/..")) {
      Response r = get(p, Map.of());
      assertThat(r.status()).as(p).isIn(400, 404);
      assertThat(r.body()).as(p).doesNotContain("root:").doesNotContain("<project").doesNotContain("cafebabe");
    }
  }

  @Test
  void noWriteRefusesEveryAction() throws Exception {
    start(false);
    String t = token();
    String before = get("/api/experiments", Map.of(Guard.TOKEN_HEADER, t)).body();
    for (String action : List.of("/api/queue", "/api/run-queue", "/api/apply", "/api/branch", "/api/remove")) {
      Response r = request("POST", action, Map.of(Guard.TOKEN_HEADER, t, "Content-Type", "application/json"),
          "{\"params\":[\"train.C=3\"],\"exp\":\"exp-a\",\"exps\":[\"exp-a\"]}");
      assertThat(r.status()).as(action).isEqualTo(403);
      assertThat(r.body()).contains("read-only");
    }
    String after = get("/api/experiments", Map.of(Guard.TOKEN_HEADER, t)).body();
    assertThat(after).contains("exp-a");
    assertThat(after.substring(after.indexOf("\"queued\""))).isEqualTo(before.substring(before.indexOf("\"queued\"")));
    assertThat(get("/api/session", Map.of(Guard.TOKEN_HEADER, t)).body()).contains("\"writable\":false");
  }

  @Test
  void theTokenNeverAppearsInTheLog() throws Exception {
    start(true);
    String t = token();
    get("/api/experiments", Map.of(Guard.TOKEN_HEADER, t));
    get("/api/experiments", Map.of(Guard.TOKEN_HEADER, t + "x"));
    get("/?token=" + t, Map.of());
    get("/" + t, Map.of());
    get("/api/" + t, Map.of(Guard.TOKEN_HEADER, t));
    request("POST", "/api/queue", Map.of(Guard.TOKEN_HEADER, t, "Content-Type", "application/json"),
        "{\"params\":[\"no.such.key=" + t + "\"]}"); // refused: the error names the key and value
    assertThat(log).hasSizeGreaterThanOrEqualTo(6);
    assertThat(String.join("\n", log)).doesNotContain(t).contains("GET /api/experiments 200")
        .contains("GET /<token> 404");
  }

  @Test
  void badActionsGetOneClearMessage() throws Exception {
    start(true);
    String t = token();
    Response r = request("POST", "/api/queue", Map.of(Guard.TOKEN_HEADER, t, "Content-Type", "application/json"),
        "{\"params\":[\"nosuch.key=1\"]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("nosuch.key");
    r = request("POST", "/api/queue", Map.of(Guard.TOKEN_HEADER, t, "Content-Type", "application/json"), "not json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("not JSON");
    r = request("POST", "/api/apply", Map.of(Guard.TOKEN_HEADER, t, "Content-Type", "application/json"), "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("Missing 'exp'");
    assertThat(get("/api/plots?rev=no-such-rev", Map.of(Guard.TOKEN_HEADER, t)).status()).isEqualTo(400);
  }

  @Test
  void readsWhileTheQueueRunsAnswerAndTheRunFinishes() throws Exception {
    start(true);
    String t = token();
    Map<String, String> json = Map.of(Guard.TOKEN_HEADER, t, "Content-Type", "application/json");
    assertThat(request("POST", "/api/queue", json, "{\"params\":[\"train.C=3\"],\"name\":\"q3\"}").status())
        .isEqualTo(200);
    assertThat(request("POST", "/api/queue", json, "{\"params\":[\"train.C=5\"],\"name\":\"q5\"}").status())
        .isEqualTo(200);
    Response run = request("POST", "/api/run-queue", json, "{\"jobs\":2}");
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    assertThat(request("POST", "/api/run-queue", json, "{\"jobs\":1}").status()).as("one queue run at a time")
        .isIn(409, 400);
    List<String> bad = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 120_000;
    String exps = "";
    String runs = "";
    while (System.currentTimeMillis() < deadline) {
      for (String p : List.of("/api/experiments", "/api/pipeline", "/api/live", "/api/runs")) {
        Response r = get(p, Map.of(Guard.TOKEN_HEADER, t));
        if (r.status() != 200) {
          bad.add(p + " " + r.status() + " " + r.body());
        }
        if (p.equals("/api/experiments")) {
          exps = r.body();
        } else if (p.equals("/api/runs")) {
          runs = r.body();
        }
      }
      // the experiments by name (the run's own list also names them) and the run ended
      if (exps.contains("\"name\":\"q3\"") && exps.contains("\"name\":\"q5\"") && exps.contains("\"queued\":[]")
          && runs.contains("\"state\":\"done\"")) {
        break;
      }
    }
    assertThat(bad).isEmpty();
    assertThat(exps).contains("\"queued\":[]").contains("\"name\":\"q3\"").contains("\"name\":\"q5\"");
    assertThat(runs).contains("\"state\":\"done\"");
  }
}
