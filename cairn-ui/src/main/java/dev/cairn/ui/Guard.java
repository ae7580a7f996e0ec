package dev.cairn.ui;

import com.sun.net.httpserver.HttpExchange;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the server. A request must name this server in {@code Host} (a page served from
 * another name that resolves here, DNS rebinding, is refused), and an {@code Origin}, when sent,
 * must be this server's own (another site's page is refused). API calls also need the session token
 * in the {@code X-Cairn-Token} header; writes need the server to be writable.
 */
final class Guard {
  static final String TOKEN_HEADER = "X-Cairn-Token";

  /** Why a request was refused, with its status code; the message never repeats the request's values. */
  record Refusal(int status, String message) {}

  private final Set<String> hosts;
  private final Token token;

  /**
   * @param names the host names the server answers to (lower case, IPv6 in brackets)
   * @param port the port it listens on
   */
  Guard(Set<String> names, int port, Token token) {
    this.hosts = names.stream().map(n -> n + ":" + port).collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.token = token;
  }

  /** A refusal for a request whose Host or Origin is not this server, else null. */
  Refusal checkOrigin(HttpExchange ex) {
    String host = ex.getRequestHeaders().getFirst("Host");
    if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return new Refusal(421, "This server answers only to " + String.join(", ", hosts.stream().sorted().toList())
          + "; open the URL that cairn ui printed");
    }
    String origin = ex.getRequestHeaders().getFirst("Origin");
    if (origin != null && !(origin.toLowerCase(Locale.ROOT).startsWith("http://")
        && hosts.contains(origin.substring("http://".length()).toLowerCase(Locale.ROOT)))) {
      return new Refusal(403, "Requests from another origin are refused");
    }
    return null;
  }

  /**
   * A refusal for an API request that another site's page made (the browser says so in {@code
   * Sec-Fetch-Site}) or that lacks the session token, else null.
   */
  Refusal checkApi(HttpExchange ex) {
    String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
    if (site != null && !(site.equals("same-origin") || site.equals("none"))) {
      return new Refusal(403, "Requests from another site are refused");
    }
    if (!token.matches(ex.getRequestHeaders().getFirst(TOKEN_HEADER))) {
      return new Refusal(401, "Missing or wrong session token; open the URL that cairn ui printed");
    }
    return null;
  }
}
