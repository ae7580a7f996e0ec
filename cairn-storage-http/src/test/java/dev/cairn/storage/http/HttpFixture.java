package dev.cairn.storage.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link HttpServer} on a free loopback port that serves a directory: GET, HEAD, PUT/POST
 * (written to a temp name and renamed only when the whole body arrived) and DELETE, with no auth
 * or basic, digest or custom-header auth.
 */
final class HttpFixture implements AutoCloseable {
  enum Mode { NONE, BASIC, DIGEST, CUSTOM }

  static final String REALM = "cairn-test";
  static final String CUSTOM_HEADER = "X-Cairn-Token";

  private final Path root;
  private final Mode mode;
  private final String user;
  private final String password;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final String nonce = UUID.randomUUID().toString().replace("-", "");
  final AtomicInteger unauthorized = new AtomicInteger();

  HttpFixture(Path root, Mode mode, String user, String password) throws IOException {
    this.root = Files.createDirectories(root);
    this.mode = mode;
    this.user = user;
    this.password = password;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  HttpFixture(Path root) throws IOException {
    this(root, Mode.NONE, null, null);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  Path root() {
    return root;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!authorized(ex)) {
        unauthorized.incrementAndGet();
        if (mode == Mode.DIGEST) {
          ex.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"" + REALM + "\", nonce=\"" + nonce
              + "\", qop=\"auth\", algorithm=MD5, opaque=\"0a1b\"");
        } else if (mode == Mode.BASIC) {
          ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        }
        ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
        ex.sendResponseHeaders(401, -1);
        return;
      }
      String path = ex.getRequestURI().getPath();
      Path file = root.resolve(path.substring(1)).normalize();
      if (!file.startsWith(root) || path.contains("/.")) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      switch (ex.getRequestMethod()) {
        case "GET" -> {
          if (!Files.isRegularFile(file)) {
            ex.sendResponseHeaders(404, -1);
            return;
          }
          long size = Files.size(file);
          ex.sendResponseHeaders(200, size == 0 ? -1 : size);
          if (size > 0) {
            try (OutputStream out = ex.getResponseBody()) {
              Files.copy(file, out);
            }
          }
        }
        case "HEAD" -> {
          if (!Files.isRegularFile(file)) {
            ex.sendResponseHeaders(404, -1);
            return;
          }
          ex.getResponseHeaders().set("Content-Length", Long.toString(Files.size(file)));
          ex.sendResponseHeaders(200, -1);
        }
        case "PUT", "POST" -> {
          Files.createDirectories(file.getParent());
          Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
          long expected = Long.parseLong(ex.getRequestHeaders().getFirst("Content-Length") == null ? "-1"
              : ex.getRequestHeaders().getFirst("Content-Length"));
          try (InputStream in = ex.getRequestBody()) {
            long n = Files.copy(in, tmp);
            if (expected >= 0 && n != expected) {
              throw new IOException("short body");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
          }
          ex.sendResponseHeaders(201, -1);
        }
        case "DELETE" -> {
          try {
            Files.delete(file);
            ex.sendResponseHeaders(204, -1);
          } catch (NoSuchFileException e) {
            ex.sendResponseHeaders(404, -1);
          }
        }
        default -> ex.sendResponseHeaders(405, -1);
      }
    }
  }

  private boolean authorized(HttpExchange ex) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    return switch (mode) {
      case NONE -> true;
      case CUSTOM -> password.equals(ex.getRequestHeaders().getFirst(CUSTOM_HEADER));
      case BASIC -> auth != null && auth.equals("Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
      case DIGEST -> auth != null && auth.startsWith("Digest ") && digestOk(ex.getRequestMethod(),
          DigestAuth.params(auth.substring(7)));
    };
  }

  private boolean digestOk(String method, Map<String, String> p) {
    if (!user.equals(p.get("username")) || !nonce.equals(p.get("nonce")) || !"auth".equals(p.get("qop"))) {
      return false;
    }
    String ha1 = md5(user + ":" + REALM + ":" + password);
    String ha2 = md5(method + ":" + p.get("uri"));
    String expected = md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
    return expected.equals(p.get("response"));
  }

  private static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
