package dev.cairn.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** HTTP remote (method = PUT, basic auth) against a JDK HttpServer serving {@code /store} from a temp dir. */
class HttpRemoteE2EIT extends RemoteE2E {
  static final String USER = "alice";
  static final String PASSWORD = "http-pass-4711";
  static final String PLANTED = "PLANTED-http-secret-9f3e";

  HttpServer server;
  ExecutorService pool;
  Path root;

  @BeforeEach
  void startServer() throws IOException {
    root = Files.createDirectories(tmp.resolve("http-root/store"));
    pool = Executors.newFixedThreadPool(16);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String expected = "Basic " + Base64.getEncoder()
          .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"cairn\"");
        ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
        ex.sendResponseHeaders(401, -1);
        return;
      }
      String path = ex.getRequestURI().getPath();
      if (!path.startsWith("/store/") || path.contains("/.") || path.contains("..")) {
        ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
        ex.sendResponseHeaders(404, -1);
        return;
      }
      Path file = root.resolve(path.substring("/store/".length()));
      switch (ex.getRequestMethod()) {
        case "GET", "HEAD" -> {
          if (!Files.isRegularFile(file)) {
            ex.sendResponseHeaders(404, -1);
            return;
          }
          long size = Files.size(file);
          if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(size));
            ex.sendResponseHeaders(200, -1);
            return;
          }
          ex.sendResponseHeaders(200, size == 0 ? -1 : size);
          if (size > 0) {
            try (OutputStream out = ex.getResponseBody()) {
              Files.copy(file, out);
            }
          }
        }
        case "PUT" -> {
          Files.createDirectories(file.getParent());
          Path part = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
          try (InputStream in = ex.getRequestBody()) {
            Files.copy(in, part);
          }
          Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          ex.sendResponseHeaders(201, -1);
        }
        default -> ex.sendResponseHeaders(405, -1);
      }
    }
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  String url() {
    return base() + "/store";
  }

  @Override
  Map<String, String> goodConfig() {
    return Map.of("method", "PUT", "auth", "basic", "user", USER, "password", PASSWORD);
  }

  @Override
  Map<String, String> wrongCredentials() {
    return Map.of("method", "PUT", "auth", "basic", "user", USER, "password", PLANTED);
  }

  @Override
  String missingBucketUrl() {
    return base() + "/no-such-root";
  }

  @Override
  String unreachableUrl(int closedPort) {
    return "http://127.0.0.1:" + closedPort + "/store";
  }

  @Override
  Map<String, String> unreachableConfig(int closedPort) {
    return Map.of("method", "PUT", "auth", "basic", "user", USER, "password", PLANTED);
  }

  @Override
  String plantedSecret() {
    return PLANTED;
  }
}
