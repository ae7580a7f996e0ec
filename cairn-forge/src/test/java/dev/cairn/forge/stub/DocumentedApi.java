package dev.cairn.forge.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hand-written expectations for forges without a machine-readable description in reach (GitLab,
 * Gitea, Bitbucket Cloud and Server, Azure DevOps): each {@link Route} names the documented method
 * and path, the request fields the docs allow and require, the query parameters they declare (and
 * those they require, such as Azure DevOps' {@code api-version}), the values an enumerated field
 * or parameter may take, and the response fields the client relies on, with a link to the
 * documentation page. Used as a {@link StubServer#check} so every exchange of a test is held to the
 * documented shape.
 */
public final class DocumentedApi {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final List<Route> routes = new ArrayList<>();

  /** Body kinds. */
  public enum Body {
    NONE,
    JSON,
    MULTIPART,
    /** Raw bytes ({@code application/octet-stream}), e.g. Azure DevOps attachments. */
    BINARY
  }

  /**
   * One documented operation.
   *
   * @param method HTTP method
   * @param path regex of the path
   * @param body what the request body is
   * @param allowed request JSON fields the docs list (dotted for nested objects); for multipart,
   *     the form field names
   * @param required request fields the docs mark required
   * @param query query parameters the docs declare
   * @param response response fields (dotted) the client reads, checked on every 2xx JSON object
   *     or on every element of a 2xx JSON array (or of its {@code values} for a Bitbucket page, or
   *     its {@code value} for an Azure DevOps list)
   * @param doc the documentation page
   * @param requiredQuery query parameters every call must carry
   * @param values the documented values of enumerated request fields (dotted) and query
   *     parameters
   */
  public record Route(
      String method,
      Pattern path,
      Body body,
      Set<String> allowed,
      Set<String> required,
      Set<String> query,
      Set<String> response,
      String doc,
      Set<String> requiredQuery,
      Map<String, Set<String>> values) {}

  /** Adds a route. */
  public DocumentedApi route(
      String method, String pathRegex, Body body, Set<String> allowed, Set<String> required,
      Set<String> query, Set<String> response, String doc) {
    routes.add(new Route(method, Pattern.compile(pathRegex), body, allowed, required, query,
        response, doc, Set.of(), Map.of()));
    return this;
  }

  /** The last route added also requires these query parameters on every call. */
  public DocumentedApi requireQuery(String... names) {
    Route r = routes.remove(routes.size() - 1);
    routes.add(new Route(r.method, r.path, r.body, r.allowed, r.required, r.query, r.response,
        r.doc, Set.of(names), r.values));
    return this;
  }

  /** The last route's request field (dotted) or query parameter {@code name} takes only these. */
  public DocumentedApi values(String name, String... allowedValues) {
    Route r = routes.remove(routes.size() - 1);
    Map<String, Set<String>> v = new HashMap<>(r.values);
    v.put(name, Set.of(allowedValues));
    routes.add(new Route(r.method, r.path, r.body, r.allowed, r.required, r.query, r.response,
        r.doc, r.requiredQuery, Map.copyOf(v)));
    return this;
  }

  /** Throws an {@link AssertionError} listing every deviation of the exchange. */
  public void verify(StubServer.Exchange x) {
    List<String> errors = check(x);
    if (!errors.isEmpty()) {
      throw new AssertionError(String.join("\n", errors));
    }
  }

  /** The deviations of one exchange from the documented shape. */
  public List<String> check(StubServer.Exchange x) {
    List<String> errors = new ArrayList<>();
    StubServer.Request req = x.request();
    String where = req.method() + " " + req.path();
    Route route = null;
    for (Route r : routes) {
      if (r.method.equals(req.method()) && r.path.matcher(req.path()).matches()) {
        route = r;
        break;
      }
    }
    if (route == null) {
      errors.add(where + ": not a documented operation");
      return errors;
    }
    Set<String> sent = new HashSet<>();
    if (!req.query().isEmpty()) {
      for (String kv : req.query().split("&")) {
        String name = kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : kv;
        String value = kv.contains("=")
            ? URLDecoder.decode(kv.substring(kv.indexOf('=') + 1), StandardCharsets.UTF_8) : "";
        sent.add(name);
        if (!route.query.contains(name)) {
          errors.add(where + ": query parameter '" + name + "' is not documented (" + route.doc + ")");
        }
        Set<String> allowedValues = route.values.get(name);
        if (allowedValues != null && !allowedValues.contains(value)) {
          errors.add(where + ": query parameter " + name + "=" + value + " is not one of "
              + allowedValues + " (" + route.doc + ")");
        }
      }
    }
    for (String q : route.requiredQuery) {
      if (!sent.contains(q)) {
        errors.add(where + ": required query parameter '" + q + "' missing (" + route.doc + ")");
      }
    }
    String type = req.header("content-type").toLowerCase(Locale.ROOT);
    switch (route.body) {
      case NONE:
        if (req.body().length > 0) {
          errors.add(where + ": sends a body, the docs take none");
        }
        break;
      case BINARY:
        if (!type.startsWith("application/octet-stream")) {
          errors.add(where + ": expected application/octet-stream, got " + type);
        }
        if (req.body().length == 0) {
          errors.add(where + ": sends no bytes (" + route.doc + ")");
        }
        break;
      case MULTIPART:
        if (!type.startsWith("multipart/form-data; boundary=")) {
          errors.add(where + ": expected multipart/form-data, got " + type);
        }
        for (String field : route.required) {
          if (!req.text().contains("name=\"" + field + "\"")) {
            errors.add(where + ": multipart field '" + field + "' missing (" + route.doc + ")");
          }
        }
        break;
      case JSON:
        if (!type.startsWith("application/json")) {
          errors.add(where + ": expected a JSON body, got " + type);
          break;
        }
        JsonNode body;
        try {
          body = MAPPER.readTree(req.body());
        } catch (IOException e) {
          errors.add(where + ": body is not JSON");
          break;
        }
        for (String f : route.required) {
          JsonNode v = body.at("/" + f.replace('.', '/'));
          if (v.isMissingNode() || v.isNull()) {
            errors.add(where + ": required field '" + f + "' missing (" + route.doc + ")");
          }
        }
        fields(body, "", errors, route, where);
        for (Map.Entry<String, Set<String>> e : route.values.entrySet()) {
          JsonNode v = body.at("/" + e.getKey().replace('.', '/'));
          if (!v.isMissingNode() && !e.getValue().contains(v.asText())) {
            errors.add(where + ": field " + e.getKey() + "='" + v.asText() + "' is not one of "
                + e.getValue() + " (" + route.doc + ")");
          }
        }
        break;
      default:
        throw new IllegalStateException();
    }
    StubServer.Reply reply = x.reply();
    boolean json = reply.headers().entrySet().stream().anyMatch(
        h -> h.getKey().equalsIgnoreCase("content-type") && h.getValue().contains("json"));
    if (reply.status() / 100 == 2 && reply.body().length > 0 && !route.response.isEmpty()
        && json) {
      try {
        JsonNode r = MAPPER.readTree(reply.body());
        JsonNode items = r.isArray() ? r : r.has("values") ? r.get("values")
            : r.has("value") && r.get("value").isArray() ? r.get("value") : null;
        if (items != null) {
          for (JsonNode e : items) {
            responseFields(e, route, where, errors);
          }
        } else {
          responseFields(r, route, where, errors);
        }
      } catch (IOException e) {
        errors.add(where + ": stubbed response is not JSON");
      }
    }
    return errors;
  }

  private static void fields(JsonNode n, String prefix, List<String> errors, Route r, String where) {
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      String full = prefix.isEmpty() ? name : prefix + "." + name;
      JsonNode v = n.get(name);
      if (v.isObject() && r.allowed.stream().anyMatch(a -> a.startsWith(full + "."))) {
        fields(v, full, errors, r, where);
      } else if (!r.allowed.contains(full)) {
        errors.add(where + ": field '" + full + "' is not documented (" + r.doc + ")");
      }
    }
  }

  private static void responseFields(JsonNode n, Route r, String where, List<String> errors) {
    for (String f : r.response) {
      if (n.at("/" + f.replace('.', '/')).isMissingNode()) {
        errors.add(where + ": stubbed response lacks documented field '" + f + "' (" + r.doc + ")");
      }
    }
  }
}
