package dev.cairn.dist;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file server on 127.0.0.1 (JDK {@code HttpServer}) that counts the GET requests of each path.
 * A path can be gated: its responses wait until that many requests for it are in flight (at most
 * 30 s), so that two clients are sure to download at the same time.
 */
final class Loopback implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

  Loopback() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      gets.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
      CountDownLatch gate = gates.get(path);
      if (gate != null) {
        gate.countDown();
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = files.get(path);
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
      } else {
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(body);
        }
      }
      ex.close();
    });
    server.start();
  }

  /** Serves {@code bytes} at {@code path}; returns its URL. */
  String put(String path, byte[] bytes) {
    files.put(path, bytes);
    return url(path);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Holds the responses for {@code path} until {@code clients} requests for it are in flight. */
  void gate(String path, int clients) {
    gates.put(path, new CountDownLatch(clients));
  }

  /** The GET requests for {@code path} so far. */
  int gets(String path) {
    AtomicInteger n = gets.get(path);
    return n == null ? 0 : n.get();
  }

  /** All requests so far, whatever the path. */
  int total() {
    return gets.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
