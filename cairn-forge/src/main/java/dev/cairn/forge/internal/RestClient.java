package dev.cairn.forge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.forge.ForgeAuthenticationException;
import dev.cairn.forge.ForgeConnectionException;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeNotFoundException;
import dev.cairn.forge.ForgePermissionException;
import dev.cairn.forge.ForgeRateLimitException;
import dev.cairn.forge.ForgeServerException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeValidationException;
import dev.cairn.forge.Token;
import dev.cairn.retry.RetryPolicy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends {@link Call}s with the JDK {@link HttpClient}: adds the forge's headers, retries rate
 * limits and 5xx under the {@link RetryPolicy}, and maps every other failure to a {@link
 * ForgeException} subtype with one line for the user. Messages pass through {@link Token#redact},
 * so a token echoed by a server never reaches them. Redirects are not followed, so the {@code
 * Authorization} header never travels to another host.
 */
public final class RestClient {
  private static final int MAX_SERVER_MESSAGE = 300;

  private final String name;
  private final boolean github;
  private final HttpClient http;
  private final Map<String, String> headers;
  private final Token token;
  private final RetryPolicy retry;
  private final Duration timeout;
  private final String authHint;
  private final List<String> secrets = new ArrayList<>();

  /**
   * Creates the client.
   *
   * @param kind the forge, for messages
   * @param headers headers for every request, including the authorization header built from
   *     {@code token}
   * @param token the credential, only for redacting messages
   * @param authHint a sentence appended to 401 messages, e.g. what kind of token the forge wants
   */
  public RestClient(
      ForgeKind kind,
      Map<String, String> headers,
      Token token,
      RetryPolicy retry,
      Duration timeout,
      String authHint) {
    this(kind.displayName(), kind == ForgeKind.GITHUB, headers, token, retry, timeout, authHint);
  }

  /**
   * A client for the forge in {@code settings}: a {@code User-Agent}, then {@code headers} (the
   * media type and the credential header built from the settings' token).
   */
  public static RestClient forForge(
      ForgeSettings settings, Map<String, String> headers, String authHint) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("User-Agent", "cairn-forge");
    h.putAll(headers);
    return new RestClient(settings.kind(), h, settings.token(), settings.retry(),
        settings.timeout(), authHint);
  }

  /**
   * Creates a client for a service that is not a forge (an asset server named {@code name}).
   *
   * @param token the credential, only for redacting messages
   */
  public RestClient(
      String name,
      Map<String, String> headers,
      Token token,
      RetryPolicy retry,
      Duration timeout,
      String authHint) {
    this(name, false, headers, token, retry, timeout, authHint);
  }

  private RestClient(
      String name,
      boolean github,
      Map<String, String> headers,
      Token token,
      RetryPolicy retry,
      Duration timeout,
      String authHint) {
    this.name = name;
    this.github = github;
    this.headers = new LinkedHashMap<>(headers);
    this.token = token;
    this.retry = retry;
    this.timeout = timeout;
    this.authHint = authHint;
    secrets.add(token.reveal());
    headers.forEach((k, v) -> {
      String n = k.toLowerCase(Locale.ROOT);
      if (n.equals("authorization") || n.equals("private-token")) {
        secrets.add(v);
        int space = v.indexOf(' ');
        if (space > 0 && space < v.length() - 1) {
          secrets.add(v.substring(space + 1));
        }
      }
    });
    secrets.sort((a, b) -> b.length() - a.length());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Sends the call and returns a 2xx response, or one whose status is in {@link
   * Call#passStatuses()}.
   *
   * @throws ForgeException when the call fails for good
   */
  public Response send(Call call) throws ForgeException {
    int attempt = 0;
    while (true) {
      attempt++;
      Response r;
      try {
        r = exchange(call);
      } catch (IOException e) {
        if (attempt >= retry.maxAttempts()) {
          throw new ForgeConnectionException(
              redact("Cannot reach " + name + " at " + call.uri().getHost()
                  + " to " + call.action() + ": " + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : " (" + oneLine(e.getMessage()) + ")")
                  + ": check the API URL and the network"),
              0,
              e);
        }
        pause(retry.backoff(attempt), call);
        continue;
      }
      if (r.ok() || call.passStatuses().contains(r.status())) {
        return r;
      }
      Optional<Duration> rateWait = rateLimitWait(r);
      if (rateWait.isPresent()) {
        Duration wait = rateWait.get();
        if (attempt >= retry.maxAttempts() || wait.compareTo(retry.maxWait()) > 0) {
          throw new ForgeRateLimitException(
              redact(name + " rate limit hit while trying to " + call.action()
                  + " (HTTP " + r.status() + serverMessageSuffix(r) + "): it lifts in about "
                  + Math.max(1, wait.toSeconds()) + " s; try again later"
                  + (github ? " or post fewer comments per minute" : "")),
              r.status(),
              null);
        }
        pause(wait, call);
        continue;
      }
      if (r.status() >= 500) {
        if (attempt >= retry.maxAttempts()) {
          throw new ForgeServerException(
              redact(name + " kept failing with HTTP " + r.status()
                  + " while trying to " + call.action() + " (" + attempt + " attempts"
                  + serverMessageSuffix(r) + "): try again later"),
              r.status(),
              null);
        }
        pause(retry.backoff(attempt), call);
        continue;
      }
      throw failure(call, r);
    }
  }

  /** Sends the call and parses a JSON body. */
  public JsonNode json(Call call) throws ForgeException {
    Response r = send(call);
    return parse(call, r);
  }

  /** Parses a response body, turning malformed JSON into a {@link ForgeServerException}. */
  public JsonNode parse(Call call, Response r) throws ForgeServerException {
    try {
      return r.json();
    } catch (IllegalStateException e) {
      throw new ForgeServerException(
          name + " answered HTTP " + r.status() + " with a body that is not JSON"
              + " while trying to " + call.action() + ": check that the API URL points at the "
              + name + " REST API",
          r.status(),
          e);
    }
  }

  private Response exchange(Call call) throws IOException, ForgeConnectionException {
    HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(timeout);
    headers.forEach(b::header);
    HttpRequest.BodyPublisher pub =
        call.body().length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(call.body());
    if (!call.contentType().isEmpty()) {
      b.header("Content-Type", call.contentType());
    }
    b.method(call.method(), pub);
    try {
      HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(resp.statusCode(), resp.headers(), resp.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForgeConnectionException(
          "Interrupted while trying to " + call.action(), 0, e);
    }
  }

  private void pause(Duration d, Call call) throws ForgeConnectionException {
    try {
      retry.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForgeConnectionException(
          "Interrupted while waiting to retry to " + call.action(), 0, e);
    }
  }

  /** The wait a rate-limited response asks for; empty if the response is not a rate limit. */
  Optional<Duration> rateLimitWait(Response r) {
    boolean limited = r.status() == 429;
    if (r.status() == 403) {
      String msg = serverMessage(r).toLowerCase(Locale.ROOT);
      limited =
          msg.contains("rate limit")
              || msg.contains("abuse")
              || r.header("retry-after").isPresent()
              || r.header("x-ratelimit-remaining").map(v -> v.trim().equals("0")).orElse(false);
    }
    if (!limited) {
      return Optional.empty();
    }
    Optional<String> after = r.header("retry-after");
    if (after.isPresent()) {
      Optional<Duration> d = parseRetryAfter(after.get());
      if (d.isPresent()) {
        return d;
      }
    }
    Optional<String> reset = r.header("x-ratelimit-reset").or(() -> r.header("ratelimit-reset"));
    if (reset.isPresent()) {
      try {
        long epoch = Long.parseLong(reset.get().trim());
        Duration d = Duration.between(retry.clock().instant(), Instant.ofEpochSecond(epoch));
        return Optional.of(d.isNegative() ? Duration.ofSeconds(1) : d.plusSeconds(1));
      } catch (NumberFormatException e) {
        // fall through to the default back-off
      }
    }
    return Optional.of(Duration.ofMinutes(1).compareTo(retry.maxWait()) > 0
        ? retry.maxWait() : Duration.ofMinutes(1));
  }

  private Optional<Duration> parseRetryAfter(String value) {
    String v = value.trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(retry.clock().instant(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private ForgeException failure(Call call, Response r) {
    String forge = name;
    String server = serverMessageSuffix(r);
    switch (r.status()) {
      case 401:
        return new ForgeAuthenticationException(
            redact(forge + " rejected the token from " + token.source() + " (HTTP 401" + server
                + ") while trying to " + call.action() + ": check that it is valid and not expired"
                + (authHint.isEmpty() ? "" : "; " + authHint)),
            401,
            null);
      case 403:
        return new ForgePermissionException(
            redact(forge + " refused to " + call.action() + " (HTTP 403" + server
                + "): the token from " + token.source() + " needs " + call.permission()
                + (github
                    ? "; on a pull request from a fork the token is read-only, so post from a"
                        + " workflow_run job instead"
                    : "")),
            call.permission(),
            403,
            null);
      case 404:
        return new ForgeNotFoundException(
            redact(forge + " found nothing at " + call.uri().getPath() + " (HTTP 404" + server
                + ") while trying to " + call.action()
                + ": check the repository name, the number or SHA, the API URL, and that the"
                + " token can see the repository"),
            404,
            null);
      case 400:
      case 422:
        return new ForgeValidationException(
            redact(forge + " refused to " + call.action() + " (HTTP " + r.status() + server
                + ")"),
            r.status(),
            null);
      default:
        return new ForgeServerException(
            redact(forge + " answered HTTP " + r.status() + " while trying to " + call.action()
                + server),
            r.status(),
            null);
    }
  }

  private String serverMessageSuffix(Response r) {
    String m = serverMessage(r);
    return m.isEmpty() ? "" : ": " + m;
  }

  /**
   * The forge's own explanation: GitHub/Gitea {@code message} plus {@code errors[].message}, GitLab
   * {@code message}/{@code error}, Bitbucket {@code error.message}; cut to one short line.
   */
  public static String serverMessage(Response r) {
    if (r.body().length == 0) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    try {
      JsonNode n = r.json();
      collect(n.get("message"), parts);
      collect(n.get("error"), parts);
      collect(n.get("errors"), parts);
      collect(n.get("error_description"), parts);
    } catch (IllegalStateException e) {
      return "";
    }
    String s = oneLine(String.join("; ", parts));
    return s.length() > MAX_SERVER_MESSAGE ? s.substring(0, MAX_SERVER_MESSAGE) + "…" : s;
  }

  private static void collect(JsonNode n, List<String> out) {
    if (n == null || n.isNull()) {
      return;
    }
    if (n.isTextual()) {
      if (!n.asText().isBlank()) {
        out.add(n.asText());
      }
    } else if (n.isArray()) {
      for (JsonNode e : n) {
        collect(e, out);
      }
    } else if (n.isObject()) {
      if (n.has("message")) {
        collect(n.get("message"), out);
      } else if (n.has("code")) {
        String field = JsonNodes.text(n, "field");
        out.add(JsonNodes.text(n, "code") + (field.isEmpty() ? "" : " (" + field + ")"));
      } else {
        n.fields().forEachRemaining(f -> {
          if (f.getValue().isArray() || f.getValue().isTextual()) {
            List<String> sub = new ArrayList<>();
            collect(f.getValue(), sub);
            if (!sub.isEmpty()) {
              out.add(f.getKey() + " " + String.join(", ", sub));
            }
          }
        });
      }
    } else {
      out.add(n.asText());
    }
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }

  /** Removes the token and every credential header value (e.g. Basic's base64) from a text. */
  public String redact(String s) {
    String out = token.redact(s);
    for (String secret : secrets) {
      if (secret.length() >= 4) {
        out = out.replace(secret, "***");
      }
    }
    return out;
  }
}
