package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry behind HTTP authentication (Git's "dumb" protocol served by an in-process JDK server on
 * loopback, answering 401 without a valid token): cloned into the per-user clone cache with a token
 * from {@code CAIRN_GIT_TOKEN}, or with what git's credential helper stores; refused in one line
 * without either. The token never reaches the output or a file.
 */
class RegistryHttpIT {
  static final String TOKEN = "PlantedGitToken-4c1e9";

  @TempDir
  Path tmp;
  HttpServer server;
  Path bare;
  String url;
  final List<String> requests = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    Path work = tmp.resolve("work");
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      Files.createDirectories(work.resolve("data"));
      Files.writeString(work.resolve("data/hello.txt"), "hello\n");
      Files.writeString(work.resolve("README.md"), "registry\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("one").setSign(false).call();
    }
    bare = tmp.resolve("registry.git");
    Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
    Process p = new ProcessBuilder("git", "update-server-info").directory(bare.toFile()).redirectErrorStream(true)
        .start();
    assertThat(p.waitFor()).isZero();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String expected = "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN)
        .getBytes(StandardCharsets.UTF_8));
    server.createContext("/registry.git/", x -> {
      synchronized (requests) {
        requests.add(x.getRequestMethod() + " " + x.getRequestURI());
      }
      String auth = x.getRequestHeaders().getFirst("Authorization");
      if (!expected.equals(auth)) {
        x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
        x.sendResponseHeaders(401, -1);
        x.close();
        return;
      }
      Path f = bare.resolve(x.getRequestURI().getPath().substring("/registry.git/".length())).normalize();
      if (!f.startsWith(bare) || !Files.isRegularFile(f)) {
        x.sendResponseHeaders(404, -1);
        x.close();
        return;
      }
      byte[] body = Files.readAllBytes(f);
      x.getResponseHeaders().add("Content-Type", "application/octet-stream");
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/registry.git";
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
  }

  Map<String, String> env(Path home, Path clones) throws IOException {
    Files.createDirectories(home);
    return new HashMap<>(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME", home.toString(),
        "DVC_GLOBAL_CONFIG_DIR", tmp.resolve("global").toString(), "DVC_SYSTEM_CONFIG_DIR",
        tmp.resolve("system").toString(), "CAIRN_REPO_CACHE", clones.toString(), "CAIRN_FSYNC", "0",
        "GIT_CONFIG_NOSYSTEM", "1"));
  }

  Path consumer(String name, Map<String, String> env) throws Exception {
    Path c = Files.createDirectories(tmp.resolve(name));
    Git.init().setDirectory(c.toFile()).setInitialBranch("main").call().close();
    assertThat(RegistryIT.run(env, c, "init").code()).isZero();
    return c;
  }

  static String everything(Path dir, RegistryIT.Run... runs) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (RegistryIT.Run r : runs) {
      sb.append(r.out()).append(r.err());
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.git/")).toList()) {
        sb.append(Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    return sb.toString();
  }

  @Test
  void withoutCredentialsTheCloneIsRefusedInOneLine() throws Exception {
    Map<String, String> env = env(tmp.resolve("home"), tmp.resolve("clones"));
    Path c = consumer("consumer", env);
    RegistryIT.Run r = RegistryIT.run(env, c, "import", url, "data/hello.txt");
    System.out.print("without credentials: " + r.err());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString().startsWith("ERROR: Cannot clone " + url)
        .contains("CAIRN_GIT_TOKEN");
    assertThat(c.resolve("hello.txt")).doesNotExist();
    assertThat(c.resolve("hello.txt.dvc")).doesNotExist();
    try (Stream<Path> s = Files.list(tmp.resolve("clones"))) {
      assertThat(s.filter(p -> !p.toString().endsWith(".lock"))).as("no half clone is left").isEmpty();
    }
  }

  @Test
  void aTokenFromTheEnvironmentClonesIntoTheCacheAndIsNeverShown() throws Exception {
    Map<String, String> env = env(tmp.resolve("home"), tmp.resolve("clones"));
    env.put("CAIRN_GIT_TOKEN", TOKEN);
    Path c = consumer("consumer", env);
    RegistryIT.Run imp = RegistryIT.run(env, c, "import", url, "data/hello.txt", "-v");
    assertThat(imp.code()).as(imp.err()).isZero();
    assertThat(c.resolve("hello.txt")).hasContent("hello");
    assertThat(Files.readString(c.resolve("hello.txt.dvc"))).contains("    url: " + url + "\n");
    RegistryIT.Run ls = RegistryIT.run(env, tmp, "list", url, "-R");
    assertThat(ls.out()).isEqualTo("README.md\ndata/hello.txt\n");
    RegistryIT.Run st = RegistryIT.run(env, c, "status");
    assertThat(st.out()).isEqualTo("Data and pipelines are up to date.\n");
    try (Stream<Path> s = Files.list(tmp.resolve("clones"))) {
      assertThat(s.filter(p -> p.toString().endsWith(".git"))).hasSize(1);
    }
    String all = everything(c, imp, ls, st);
    assertThat(all).doesNotContain(TOKEN).doesNotContain(Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN)
        .getBytes(StandardCharsets.UTF_8)));
    synchronized (requests) {
      assertThat(requests).anyMatch(q -> q.contains("info/refs"));
    }
  }

  @Test
  void gitsCredentialHelperAnswersWhenNoTokenIsSet() throws Exception {
    Path home = tmp.resolve("helper-home");
    Map<String, String> env = env(home, tmp.resolve("helper-clones"));
    Path store = home.resolve("git-credentials");
    Files.writeString(store, "http://x-access-token:" + TOKEN + "@127.0.0.1:" + server.getAddress().getPort() + "\n");
    Files.writeString(home.resolve(".gitconfig"), "[credential]\n\thelper = store --file " + store + "\n");
    Path c = consumer("consumer2", env);
    RegistryIT.Run r = RegistryIT.run(env, c, "get", url, "data/hello.txt", "-o", "got.txt");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(c.resolve("got.txt")).hasContent("hello");
    assertThat(r.out() + r.err()).doesNotContain(TOKEN);
  }
}
