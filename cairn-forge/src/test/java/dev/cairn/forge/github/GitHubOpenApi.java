package dev.cairn.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.cairn.forge.stub.StubServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Checks stubbed GitHub traffic against GitHub's official OpenAPI description, as installed by
 * {@code npm ci} at the repository root ({@code node_modules/@octokit/openapi/generated/
 * api.github.com.json}, OpenAPI 3.0.3).
 *
 * <ul>
 *   <li>the request's path and method must be an operation of the description, and its query
 *       parameters must be declared by it;
 *   <li>a JSON request body must conform to the operation's request schema, with no property the
 *       schema does not declare (stricter than the schema, which rarely forbids extras);
 *   <li>a stubbed response body must conform to the schema documented for that status (a status
 *       the operation does not list, such as 401, is checked against {@code basic-error}).
 * </ul>
 *
 * JSON Schema validation is done by networknt's json-schema-validator with its OpenAPI 3.0
 * dialect ({@code nullable}); {@code $ref}s inside the description resolve against the whole
 * document.
 */
final class GitHubOpenApi {
  private static final String SPEC_IRI = "https://cairn.test/openapi/api.github.com.json";
  private static final String RELATIVE =
      "node_modules/@octokit/openapi/generated/api.github.com.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AtomicInteger WRAPPERS = new AtomicInteger();
  private static GitHubOpenApi instance;

  private final JsonNode spec;
  private final SchemaRegistry registry;
  private final List<Template> templates = new ArrayList<>();

  private GitHubOpenApi(String text) throws IOException {
    this.spec = MAPPER.readTree(text);
    this.registry =
        SchemaRegistry.withDialect(
            Dialects.getOpenApi30(),
            b -> b.schemaLoader(l -> l.resourceLoaders(r -> r.resources(Map.of(SPEC_IRI, text)))));
    Iterator<String> names = spec.path("paths").fieldNames();
    while (names.hasNext()) {
      templates.add(new Template(names.next()));
    }
  }

  /**
   * The description, loaded once.
   *
   * @throws AssertionError telling to run {@code npm ci} when the file is missing
   */
  static synchronized GitHubOpenApi load() {
    if (instance == null) {
      Path file = locate(Path.of("").toAbsolutePath());
      try {
        instance = new GitHubOpenApi(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
    return instance;
  }

  /** Finds the description from {@code dir} upwards, stopping at the repository root. */
  static Path locate(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      Path f = d.resolve(RELATIVE);
      if (Files.isRegularFile(f)) {
        return f;
      }
      if (Files.isRegularFile(d.resolve("package.json")) && Files.isDirectory(d.resolve(".ci"))) {
        break;
      }
    }
    throw new AssertionError(
        "GitHub's OpenAPI description is missing (" + RELATIVE + "): run 'npm ci' at the"
            + " repository root first; it installs @octokit/openapi from package-lock.json");
  }

  /** The complaints about one exchange; empty when it conforms. */
  List<String> check(StubServer.Exchange x) {
    List<String> errors = new ArrayList<>();
    StubServer.Request req = x.request();
    String method = req.method().toLowerCase(Locale.ROOT);
    // GitHub's Link headers name repositories by id (/repositories/{id}/...), a form the
    // description does not list; it is the same operation as /repos/{owner}/{repo}/...
    String path = req.path().replaceFirst("^/api/v3", "")
        .replaceFirst("^/repositories/[0-9]+/", "/repos/{owner}/{repo}/");
    Template t = match(path, method);
    String where = req.method() + " " + path;
    if (t == null) {
      errors.add(where + ": no such operation in GitHub's OpenAPI description");
      return errors;
    }
    JsonNode op = spec.path("paths").path(t.name).path(method);
    checkQuery(op, req.query(), where, errors);
    checkRequestBody(t, method, op, req, where, errors);
    checkResponse(t, method, op, x.reply(), where, errors);
    return errors;
  }

  /** The operation template ({@code /repos/{owner}/{repo}/...}) for a path, or null. */
  String operation(String method, String path) {
    Template t = match(path, method.toLowerCase(Locale.ROOT));
    return t == null ? null : t.name;
  }

  private Template match(String path, String method) {
    Template best = null;
    for (boolean greedy : new boolean[] {false, true}) {
      for (Template t : templates) {
        if (spec.path("paths").path(t.name).has(method) && t.matches(path, greedy)
            && (best == null || t.literalLength > best.literalLength)) {
          best = t;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return null;
  }

  private void checkQuery(JsonNode op, String query, String where, List<String> errors) {
    if (query.isEmpty()) {
      return;
    }
    Set<String> declared = new HashSet<>();
    for (JsonNode p : op.path("parameters")) {
      JsonNode param = resolve(p);
      if ("query".equals(param.path("in").asText())) {
        declared.add(param.path("name").asText());
      }
    }
    for (String kv : query.split("&")) {
      String name = kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : kv;
      if (!declared.contains(name)) {
        errors.add(where + ": query parameter '" + name + "' is not declared (declared: "
            + declared + ")");
      }
    }
  }

  private void checkRequestBody(
      Template t, String method, JsonNode op, StubServer.Request req, String where,
      List<String> errors) {
    JsonNode rb = resolve(op.path("requestBody"));
    JsonNode schema = rb.path("content").path("application/json").path("schema");
    if (req.body().length == 0) {
      if (rb.path("required").asBoolean(false)) {
        errors.add(where + ": the operation requires a JSON body, none was sent");
      }
      return;
    }
    if (schema.isMissingNode()) {
      errors.add(where + ": a body was sent but the operation takes none");
      return;
    }
    if (!req.header("content-type").startsWith("application/json")) {
      errors.add(where + ": body sent as " + req.header("content-type") + ", not JSON");
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(req.body());
    } catch (IOException e) {
      errors.add(where + ": request body is not JSON");
      return;
    }
    validate(schema, body, where + " request body", errors);
    strictProperties(schema, body, where + " request body $", errors, 0);
  }

  private void checkResponse(
      Template t, String method, JsonNode op, StubServer.Reply reply, String where,
      List<String> errors) {
    String status = Integer.toString(reply.status());
    JsonNode response = op.path("responses").path(status);
    JsonNode schema;
    if (response.isMissingNode()) {
      if (reply.status() / 100 == 2) {
        errors.add(where + ": status " + status + " is not documented for this operation");
        return;
      }
      // GitHub answers 401, 429, 5xx and the like on any operation without listing them:
      // their bodies are the generic error object.
      schema = TextNode.valueOf("#/components/schemas/basic-error");
      schema = MAPPER.createObjectNode().set("$ref", schema);
    } else {
      schema = resolve(response).path("content").path("application/json").path("schema");
    }
    if (schema.isMissingNode()) {
      if (reply.body().length > 0) {
        errors.add(where + ": status " + status + " is documented without a body, stub sent one");
      }
      return;
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(reply.body());
    } catch (IOException e) {
      errors.add(where + ": stubbed response is not JSON");
      return;
    }
    if (body == null) {
      errors.add(where + ": stubbed " + status + " response has no body, but one is documented");
      return;
    }
    validate(schema, body, where + " response " + status, errors);
  }

  private void validate(JsonNode schema, JsonNode instance, String what, List<String> errors) {
    ObjectNode wrapper = (ObjectNode) absolutise(schema.deepCopy());
    Schema s =
        registry.getSchema(
            SchemaLocation.of("https://cairn.test/wrapper/" + WRAPPERS.incrementAndGet() + ".json"),
            wrapper);
    for (Error e : s.validate(instance)) {
      errors.add(what + ": " + e);
    }
  }

  /** Rewrites document-local {@code $ref}s ({@code #/...}) to point into the description. */
  private static JsonNode absolutise(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      JsonNode ref = o.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
        o.put("$ref", SPEC_IRI + ref.asText());
      }
      o.fields().forEachRemaining(f -> absolutise(f.getValue()));
    } else if (n.isArray()) {
      n.forEach(GitHubOpenApi::absolutise);
    }
    return n;
  }

  /** Fails on object properties the schema does not declare (through $ref/allOf/oneOf/anyOf). */
  private void strictProperties(
      JsonNode schema, JsonNode value, String at, List<String> errors, int depth) {
    if (depth > 20) {
      return;
    }
    JsonNode s = resolve(schema);
    if (value.isObject()) {
      Map<String, JsonNode> props = new LinkedHashMap<>();
      boolean open = collectProperties(s, props, 0);
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode p = props.get(f.getKey());
        if (p == null) {
          if (!open) {
            errors.add(at + ": property '" + f.getKey() + "' is not in the schema (known: "
                + props.keySet() + ")");
          }
        } else {
          strictProperties(p, f.getValue(), at + "." + f.getKey(), errors, depth + 1);
        }
      }
    } else if (value.isArray() && s.has("items")) {
      int i = 0;
      for (JsonNode e : value) {
        strictProperties(s.get("items"), e, at + "[" + i++ + "]", errors, depth + 1);
      }
    }
  }

  /** Adds declared properties; true when the schema leaves the object open (no properties). */
  private boolean collectProperties(JsonNode s, Map<String, JsonNode> out, int depth) {
    JsonNode r = resolve(s);
    boolean declared = false;
    if (r.has("properties")) {
      declared = true;
      r.get("properties").fields().forEachRemaining(f -> out.putIfAbsent(f.getKey(), f.getValue()));
    }
    for (String k : List.of("allOf", "oneOf", "anyOf")) {
      for (JsonNode sub : r.path(k)) {
        if (depth < 10 && !collectProperties(sub, out, depth + 1)) {
          declared = true;
        }
      }
    }
    boolean additional = r.has("additionalProperties") && !r.get("additionalProperties").isBoolean();
    return !declared || additional;
  }

  /** A deep copy of {@code components.examples.<name>.value}, for realistic stub bodies. */
  JsonNode example(String name) {
    JsonNode v = spec.path("components").path("examples").path(name).path("value");
    if (v.isMissingNode()) {
      throw new IllegalArgumentException("No example " + name + " in GitHub's OpenAPI description");
    }
    return v.deepCopy();
  }

  /** Follows a local {@code $ref} chain. */
  JsonNode resolve(JsonNode n) {
    JsonNode cur = n;
    for (int i = 0; i < 20 && cur.has("$ref"); i++) {
      String ref = cur.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalStateException("Unsupported $ref " + ref);
      }
      cur = spec.at(ref.substring(1));
    }
    return cur;
  }

  /** A path template turned into regexes. */
  private static final class Template {
    final String name;
    final Pattern strict;
    final Pattern greedy;
    final int literalLength;

    Template(String name) {
      this.name = name;
      String[] parts = name.split("\\{[^}]+}", -1);
      StringBuilder s = new StringBuilder();
      StringBuilder g = new StringBuilder();
      int literal = 0;
      for (int i = 0; i < parts.length; i++) {
        s.append(Pattern.quote(parts[i]));
        g.append(Pattern.quote(parts[i]));
        literal += parts[i].length();
        if (i < parts.length - 1) {
          s.append("[^/]+");
          g.append(i == parts.length - 2 ? ".+" : "[^/]+");
        }
      }
      this.strict = Pattern.compile(s.toString());
      this.greedy = Pattern.compile(g.toString());
      this.literalLength = literal;
    }

    boolean matches(String path, boolean allowSlashInLast) {
      return (allowSlashInLast ? greedy : strict).matcher(path).matches();
    }
  }
}
