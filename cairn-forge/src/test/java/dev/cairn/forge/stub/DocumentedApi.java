package dev.cairn.forge.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hand-written expectations for forges without a machine-readable description in reach (GitLab,
 * Gitea, Bitbucket): each {@link Route} names the documented method and path, the request fields
 * the docs allow and require, the query parameters they declare and the response fields the client
 * relies on, with a link to the documentation page. Used as a {@link StubServer#check} so every
 * exchange of a test is held to the documented shape.
 */
public final class DocumentedApi {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final List<Route> routes = new ArrayList<>();

  /** Body kinds. */
  public enum Body {
    NONE,
    JSON,
    MULTIPART
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
   *     or on every element of a 2xx JSON array (or of its {@code values} for a Bitbucket page)
   * @param doc the documentation page
   */
  public record Route(
      String method,
      Pattern path,
      Body body,
      Set<String> allowed,
      Set<String> required,
      Set<String> query,
      Set<String> response,
      String doc) {}

  /** Adds a route. */
  public DocumentedApi route(
      String method, String pathRegex, Body body, Set<String> allowed, Set<String> required,
      Set<String> query, Set<String> response, String doc) {
    routes.add(new Route(method, Pattern.compile(pathRegex), body, allowed, required, query,
        response, doc));
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
    if (!req.query().isEmpty()) {
      for (String kv : req.query().split("&")) {
        String name = kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : kv;
        if (!route.query.contains(name)) {
          errors.add(where + ": query parameter '" + name + "' is not documented (" + route.doc + ")");
        }
      }
    }
    String type = req.header("content-type").toLowerCase(Locale.ROOT);
    switch (route.body) {
      case NONE:
        if (req.body().length > 0) {
          errors.add(where + ": sends a body, the docs take none");
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
        break;
      default:
        throw new IllegalStateException();
    }
    StubServer.Reply reply = x.reply();
    if (reply.status() / 100 == 2 && reply.body().length > 0 && !route.response.isEmpty()) {
      try {
        JsonNode r = MAPPER.readTree(reply.body());
        JsonNode items = r.isArray() ? r : r.has("values") ? r.get("values") : null;
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
