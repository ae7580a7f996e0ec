package dev.cairn.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The dashboard's HTTP server ({@code cairn ui}): the page, its JSON API and an event stream, on the
 * JDK's {@code HttpServer}. Start it with {@link #start}, give the user {@link #pageUrl}, {@link
 * #close} it when done.
 *
 * <pre>{@code
 * try (UiServer ui = UiServer.start(UiServer.Options.of(root))) {
 *   System.out.println(ui.pageUrl());
 *   ...
 * }
 * }</pre>
 *
 * <p>Every {@code /api/} call needs the session token in the {@code X-Cairn-Token} header (the page
 * takes it from the URL's fragment, which browsers never send); writes ({@code POST}) also need the
 * server to be writable. Requests naming another host or coming from another origin are refused. The
 * log receives one line per request (method, path without query, status, time), never the token.
 * Thread-safe.
 */
public final class UiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 64 * 1024;
  private static final long HEARTBEAT_MS = 15_000;
  private static final String ERROR_ATTRIBUTE = "cairn.error";

  /**
   * How to serve.
   *
   * @param root the repository's root
   * @param host the address to bind: {@code 127.0.0.1} unless the user asked for another
   * @param port the port, 0 for any free one
   * @param writable whether actions (queue, run, apply, branch, remove) are allowed
   * @param env the environment the library commands see
   * @param log where request lines go (never given the token)
   */
  public record Options(Path root, String host, int port, boolean writable, Map<String, String> env,
      Consumer<String> log) {
    public Options {
      Objects.requireNonNull(root);
      Objects.requireNonNull(host);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      env = Map.copyOf(env);
      Objects.requireNonNull(log);
    }

    /** Loopback, any free port, writable, the process environment, no log. */
    public static Options of(Path root) {
      return new Options(root, LOOPBACK, 0, true, System.getenv(), line -> {});
    }
  }

  /** The address {@code cairn ui} binds unless told otherwise. */
  public static final String LOOPBACK = "127.0.0.1";

  private final Options options;
  private final HttpServer server;
  private final ExecutorService pool;
  private final Token token = Token.random();
  private final Guard guard;
  private final Jobs jobs = new Jobs();
  private final ExperimentActions actions;
  private final Dashboard dashboard;
  private final Events events;
  private final int port;
  private final String publicName;

  private UiServer(Options o) throws IOException {
    this.options = o;
    Path root = o.root().toAbsolutePath().normalize();
    LiveFiles live = new LiveFiles(root);
    this.actions = new ExperimentActions(root, o.env(), jobs);
    this.dashboard = new Dashboard(root, o.env(), actions, jobs, live);
    this.events = new Events(root, gitDir(root), jobs, live);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(o.host()), o.port()), 50);
    this.port = server.getAddress().getPort();
    Set<String> names = new LinkedHashSet<>(List.of("127.0.0.1", "localhost", "[::1]"));
    names.add(hostName(o.host()));
    InetAddress bound = server.getAddress().getAddress();
    if (bound.isAnyLocalAddress()) {
      // every name of this machine: its interface addresses and its host name
      this.publicName = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
      names.add(publicName);
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          String literal = a.getHostAddress();
          int zone = literal.indexOf('%');
          names.add(hostName(zone < 0 ? literal : literal.substring(0, zone)));
        }
      }
    } else {
      this.publicName = hostName(o.host());
    }
    this.guard = new Guard(names, port, token);
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "cairn-ui-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
  }

  private static String hostName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  private static Path gitDir(Path root) {
    for (Path p = root; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".git"))) {
        return p.resolve(".git");
      }
    }
    return null;
  }

  /** Binds and starts serving. */
  public static UiServer start(Options options) throws IOException {
    UiServer s = new UiServer(options);
    s.server.start();
    return s;
  }

  /** The address the server listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /**
   * {@code http://<host>:<port>/}, without the token; for a wildcard address ({@code 0.0.0.0}) the
   * host is this machine's name.
   */
  public URI baseUrl() {
    return URI.create("http://" + publicName + ":" + port + "/");
  }

  /** The URL to open: {@link #baseUrl} with the session token in the fragment ({@code #token=...}). */
  public URI pageUrl() {
    return URI.create(baseUrl() + "#token=" + token.value());
  }

  // ---- requests

  private void handle(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    int status = 500;
    String path = ex.getRequestURI().getRawPath();
    try {
      status = route(ex, path);
    } catch (RuntimeException e) {
      status = send(ex, 500, error("Internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    } finally {
      Object why = ex.getAttribute(ERROR_ATTRIBUTE);
      String line = ex.getRequestMethod() + " " + safe(path) + " " + status + " " + (System.nanoTime() - t0) / 1_000_000
          + "ms" + (status >= 500 && why != null ? " " + why : "");
      options.log().accept(line.replace(token.value(), "<token>"));
      ex.close();
    }
  }

  /** The path as logged: printable ASCII only, at most 200 characters. */
  private static String safe(String path) {
    String p = path == null ? "" : path.replaceAll("[^\\x21-\\x7e]", "?");
    return p.length() > 200 ? p.substring(0, 200) + "..." : p;
  }

  private int route(HttpExchange ex, String path) throws IOException {
    Guard.Refusal r = guard.checkOrigin(ex);
    if (r != null) {
      return send(ex, r.status(), error(r.message()));
    }
    String method = ex.getRequestMethod();
    if (!path.startsWith("/api/")) {
      if (!method.equals("GET") && !method.equals("HEAD")) {
        return send(ex, 405, error("Only GET for pages"));
      }
      var asset = Assets.get(path);
      if (asset.isEmpty()) {
        return send(ex, 404, error("Not found"));
      }
      ex.getResponseHeaders().set("Content-Type", asset.get().contentType());
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-eval';"
          + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'");
      return sendBytes(ex, 200, asset.get().bytes());
    }
    r = guard.checkApi(ex);
    if (r != null) {
      return send(ex, r.status(), error(r.message()));
    }
    String api = path.substring("/api".length());
    Map<String, List<String>> q = query(ex.getRequestURI().getRawQuery());
    try {
      if (method.equals("GET")) {
        return switch (api) {
          case "/session" -> send(ex, 200, Map.of("writable", options.writable(), "root", options.root().toString()));
          case "/experiments" -> send(ex, 200, dashboard.experiments(intParam(q, "num", 1, 1, 50),
              !"0".equals(first(q, "all"))));
          case "/plots" -> send(ex, 200, dashboard.plots(q.getOrDefault("rev", List.of())));
          case "/pipeline" -> send(ex, 200, dashboard.pipeline());
          case "/live" -> send(ex, 200, dashboard.live());
          case "/report" -> send(ex, 200, dashboard.report(first(q, "base")));
          case "/runs" -> send(ex, 200, runs());
          case "/events" -> stream(ex);
          default -> send(ex, 404, error("No such API: " + safe(api)));
        };
      }
      if (method.equals("POST")) {
        if (!options.writable()) {
          return send(ex, 403, error("This dashboard is read-only (cairn ui --no-write)"));
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
          return send(ex, 415, error("Send the action as application/json"));
        }
        JsonNode body = body(ex);
        return switch (api) {
          case "/queue" -> send(ex, 200, Map.of("queued", actions.queue(strings(body, "params"), text(body, "name"))
              .name()));
          case "/run-queue" -> send(ex, 200, actions.runQueue(Math.max(1, Math.min(8, body.path("jobs").asInt(1))))
              .toJson(false));
          case "/apply" -> send(ex, 200, Map.of("applied", actions.apply(required(body, "exp"),
              body.path("force").asBoolean(false))));
          case "/branch" -> send(ex, 200, Map.of("branch", actions.branch(required(body, "exp"), text(body, "branch"))));
          case "/remove" -> send(ex, 200, Map.of("removed", actions.remove(strings(body, "exps"))));
          default -> send(ex, 404, error("No such action: " + safe(api)));
        };
      }
      return send(ex, 405, error("Use GET or POST"));
    } catch (CairnException e) {
      int status = switch (e.kind()) {
        case INVALID_INPUT -> 400;
        case UNEXPECTED_STATE -> 409;
        default -> 500;
      };
      return send(ex, status, error(e.getMessage()));
    } catch (BadRequest e) {
      return send(ex, 400, error(e.getMessage()));
    }
  }

  private Map<String, Object> runs() {
    List<Object> l = new ArrayList<>();
    jobs.list().forEach(j -> l.add(j.toJson(true)));
    return Map.of("runs", l);
  }

  /** Server-sent events: a name per change ({@code experiments}, {@code pipeline}, {@code live}). */
  private int stream(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    BlockingQueue<String> q = events.listen();
    try (OutputStream out = ex.getResponseBody()) {
      out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        String ev = q.poll(HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        if ("closed".equals(ev)) {
          break;
        }
        out.write((ev == null ? ": keep-alive\n\n" : "event: " + ev + "\ndata: {}\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // the page went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      events.unlisten(q);
    }
    return 200;
  }

  // ---- helpers

  /** A request the client got wrong. */
  private static final class BadRequest extends Exception {
    BadRequest(String message) {
      super(message);
    }
  }

  private static JsonNode body(HttpExchange ex) throws IOException, BadRequest {
    byte[] b;
    try (InputStream in = ex.getRequestBody()) {
      b = in.readNBytes(MAX_BODY + 1);
    }
    if (b.length > MAX_BODY) {
      throw new BadRequest("Request body over " + MAX_BODY + " bytes");
    }
    try {
      JsonNode n = JSON.readTree(b);
      if (n == null || !n.isObject()) {
        throw new BadRequest("Send a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new BadRequest("Request body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode body, String key) {
    JsonNode n = body.get(key);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static String required(JsonNode body, String key) throws BadRequest {
    String s = text(body, key);
    if (s == null || s.isBlank()) {
      throw new BadRequest("Missing '" + key + "'");
    }
    return s;
  }

  private static List<String> strings(JsonNode body, String key) throws BadRequest {
    JsonNode n = body.get(key);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new BadRequest("'" + key + "' must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new BadRequest("'" + key + "' must be a list of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return m;
  }

  private static String first(Map<String, List<String>> q, String k) {
    List<String> l = q.get(k);
    return l == null || l.isEmpty() ? null : l.get(0);
  }

  private static int intParam(Map<String, List<String>> q, String k, int dflt, int min, int max) throws BadRequest {
    String v = first(q, k);
    if (v == null) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw new BadRequest("'" + k + "' must be " + min + ".." + max);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new BadRequest("'" + k + "' must be a number");
    }
  }

  private static Map<String, Object> error(String message) {
    return Map.of("error", message);
  }

  private static int send(HttpExchange ex, int status, Object body) throws IOException {
    if (body instanceof Map<?, ?> m && m.get("error") != null) {
      ex.setAttribute(ERROR_ATTRIBUTE, m.get("error"));
    }
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    return sendBytes(ex, status, JSON.writeValueAsBytes(body));
  }

  private static int sendBytes(HttpExchange ex, int status, byte[] bytes) throws IOException {
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
    return status;
  }

  /** Stops serving: open event streams end, a running queue run is abandoned (its entries stay queued). */
  @Override
  public void close() {
    events.close();
    server.stop(0);
    actions.close();
    pool.shutdownNow();
  }
}
