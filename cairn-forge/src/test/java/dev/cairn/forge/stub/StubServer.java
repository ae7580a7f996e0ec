package dev.cairn.forge.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process forge stand-in on loopback (JDK {@link HttpServer}): routes by method and path
 * regex, records every exchange, and hands each one to an optional checker (the OpenAPI validator
 * for GitHub). Unrouted requests answer 501 and are recorded as failures.
 */
public final class StubServer implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    // Without TCP_NODELAY the JDK server answers each small response ~40 ms late (Nagle +
    // delayed ACK); read once when the server classes initialise.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private volatile Consumer<Exchange> checker = x -> {};

  private StubServer(HttpServer server) {
    this.server = server;
  }

  /** Starts a server on an ephemeral loopback port. */
  public static StubServer start() {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      StubServer stub = new StubServer(s);
      s.createContext("/", stub::handle);
      s.setExecutor(Executors.newFixedThreadPool(2));
      s.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port><prefix>}. */
  public URI uri(String prefix) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
  }

  /** Routes {@code method} on paths matching {@code pathRegex} (whole path, no query). */
  public StubServer on(String method, String pathRegex, Handler handler) {
    routes.add(0, new Route(method, Pattern.compile(pathRegex), handler));
    return this;
  }

  /** Sets a checker called with every exchange; throwing from it records a failure. */
  public void check(Consumer<Exchange> c) {
    this.checker = c;
  }

  /** Every exchange so far. */
  public List<Exchange> exchanges() {
    return Collections.unmodifiableList(new ArrayList<>(exchanges));
  }

  /** The exchanges with this method. */
  public List<Exchange> exchanges(String method) {
    List<Exchange> out = new ArrayList<>();
    for (Exchange x : exchanges) {
      if (x.request().method().equals(method)) {
        out.add(x);
      }
    }
    return out;
  }

  /** Unrouted requests, handler errors and checker complaints. */
  public List<String> failures() {
    return Collections.unmodifiableList(new ArrayList<>(failures));
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      URI u = ex.getRequestURI();
      Request req =
          new Request(ex.getRequestMethod(), u.getRawPath(), u.getRawQuery() == null ? "" : u.getRawQuery(),
              headers, body);
      Reply reply = null;
      for (Route r : routes) {
        Matcher m = r.path.matcher(req.path());
        if (r.method.equals(req.method()) && m.matches()) {
          try {
            reply = r.handler.handle(req, m);
          } catch (RuntimeException e) {
            failures.add("handler failed for " + req.method() + " " + req.path() + ": " + e);
            reply = Reply.json(500, "{\"message\":\"stub handler failed\"}");
          }
          break;
        }
      }
      if (reply == null) {
        failures.add("no route for " + req.method() + " " + req.path() + "?" + req.query());
        reply = Reply.json(501, "{\"message\":\"no stub route\"}");
      }
      Exchange x = new Exchange(req, reply);
      exchanges.add(x);
      try {
        checker.accept(x);
      } catch (AssertionError | RuntimeException e) {
        failures.add(e.getMessage());
      }
      reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      if (reply.body().length == 0) {
        ex.sendResponseHeaders(reply.status(), -1);
      } else {
        ex.sendResponseHeaders(reply.status(), reply.body().length);
        ex.getResponseBody().write(reply.body());
      }
    }
  }

  /** Answers one request. */
  @FunctionalInterface
  public interface Handler {
    /** The reply; {@code path} holds the route's regex groups. */
    Reply handle(Request request, Matcher path);
  }

  private record Route(String method, Pattern path, Handler handler) {}

  /** A recorded request; header names are lower-case. */
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    /** The first value of a header, or "" (name in any case). */
    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** The body as text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON. */
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A query parameter's first value, or "". */
    public String param(String name) {
      for (String kv : query.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0 && kv.substring(0, eq).equals(name)) {
          return kv.substring(eq + 1);
        }
      }
      return "";
    }
  }

  /** A stubbed reply. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {
    /** A JSON reply. */
    public static Reply json(int status, String json) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Content-Type", "application/json; charset=utf-8");
      return new Reply(status, h, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON reply from a node. */
    public static Reply json(int status, JsonNode json) {
      try {
        return json(status, MAPPER.writeValueAsString(json));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A reply without a body. */
    public static Reply empty(int status) {
      return new Reply(status, new LinkedHashMap<>(), new byte[0]);
    }

    /** The same reply with one more header. */
    public Reply with(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, h, body);
    }

    /** The body as text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** One request and the reply it got. */
  public record Exchange(Request request, Reply reply) {}
}
