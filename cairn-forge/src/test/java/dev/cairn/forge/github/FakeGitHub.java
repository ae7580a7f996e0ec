package dev.cairn.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.Token;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer;
import dev.cairn.forge.stub.StubServer.Reply;
import dev.cairn.forge.stub.StubServer.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A stateful GitHub stand-in for one repository ({@code octo/wine}) behind a GitHub Enterprise
 * style base ({@code /api/v3}). Response bodies start from the examples in GitHub's OpenAPI
 * description, and every exchange is checked against that description; {@link
 * StubServer#failures()} collects the complaints.
 */
final class FakeGitHub implements AutoCloseable {
  static final String TOKEN = "ghp_FAKEtoken0123456789abcdefSECRET";
  static final String OWNER = "octo";
  static final String REPO = "wine";
  static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  static final long REPO_ID = 1296269;

  final StubServer stub = StubServer.start();
  final GitHubOpenApi api = GitHubOpenApi.load();
  final Map<Long, List<ObjectNode>> issueComments = new LinkedHashMap<>();
  final Map<String, List<ObjectNode>> commitComments = new LinkedHashMap<>();
  final List<ObjectNode> pullsOfSha = new ArrayList<>();
  final Map<String, String> refs = new LinkedHashMap<>();
  final Map<String, JsonNode> objects = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  volatile String tokenUser = "cairn-bot";
  volatile boolean userEndpointForbidden;

  FakeGitHub() {
    stub.check(
        x -> {
          List<String> errors = api.check(x);
          if (!errors.isEmpty()) {
            throw new AssertionError(String.join("\n", errors));
          }
        });
    // Listings answer under both the documented name form and the id form that GitHub's own
    // Link headers use (/repositories/{id}/...), which the client must follow verbatim.
    String repo = "/api/v3/(?:repos/" + OWNER + "/" + REPO + "|repositories/" + REPO_ID + ")";
    stub.on("GET", "/api/v3/user", (r, m) -> auth(r, () -> user()));
    stub.on("GET", repo + "/issues/(\\d+)/comments",
        (r, m) -> auth(r, () -> page(r, issueComments.getOrDefault(Long.parseLong(m.group(1)),
            List.of()), "/issues/" + m.group(1) + "/comments")));
    stub.on("POST", repo + "/issues/(\\d+)/comments",
        (r, m) -> auth(r, () -> Reply.json(201, addIssueComment(Long.parseLong(m.group(1)),
            author(), r.json().path("body").asText()))));
    stub.on("PATCH", repo + "/issues/comments/(\\d+)",
        (r, m) -> auth(r, () -> edit(issueComments, Long.parseLong(m.group(1)), r)));
    stub.on("GET", repo + "/commits/([0-9a-f]+)/comments",
        (r, m) -> auth(r, () -> page(r, commitComments.getOrDefault(m.group(1), List.of()),
            "/commits/" + m.group(1) + "/comments")));
    stub.on("POST", repo + "/commits/([0-9a-f]+)/comments",
        (r, m) -> auth(r, () -> Reply.json(201, addCommitComment(m.group(1), author(),
            r.json().path("body").asText()))));
    stub.on("PATCH", repo + "/comments/(\\d+)",
        (r, m) -> auth(r, () -> edit(commitComments, Long.parseLong(m.group(1)), r)));
    stub.on("GET", repo + "/commits/([0-9a-f]+)/pulls",
        (r, m) -> auth(r, () -> {
          ArrayNode a = JsonNodeFactory.instance.arrayNode();
          pullsOfSha.forEach(a::add);
          return Reply.json(200, a);
        }));
    gitData(repo);
  }

  /** Settings pointing at this fake with the planted token and a fake clock. */
  ForgeSettings settings(FakeTime time) {
    return ForgeSettings.of(ForgeKind.GITHUB, OWNER + "/" + REPO, Token.of(TOKEN, "GITHUB_TOKEN"))
        .withApiBase(stub.uri("/api/v3"))
        .withHeadSha(SHA)
        .withRetry(time.policy());
  }

  ObjectNode addIssueComment(long issue, String login, String body) {
    ObjectNode c = (ObjectNode) api.example("issue-comment");
    long id = ids.incrementAndGet();
    c.put("id", id);
    c.put("body", body);
    c.put("html_url", "https://github.example/octo/wine/pull/" + issue + "#issuecomment-" + id);
    c.put("url", "https://github.example/api/v3/repos/octo/wine/issues/comments/" + id);
    ((ObjectNode) c.get("user")).put("login", login);
    synchronized (this) {
      issueComments.computeIfAbsent(issue, k -> new ArrayList<>()).add(c);
    }
    return c;
  }

  ObjectNode addCommitComment(String sha, String login, String body) {
    ObjectNode c = (ObjectNode) api.example("commit-comment");
    long id = ids.incrementAndGet();
    c.put("id", id);
    c.put("body", body);
    c.put("commit_id", sha);
    c.put("html_url", "https://github.example/octo/wine/commit/" + sha + "#commitcomment-" + id);
    ((ObjectNode) c.get("user")).put("login", login);
    synchronized (this) {
      commitComments.computeIfAbsent(sha, k -> new ArrayList<>()).add(c);
    }
    return c;
  }

  void addPull(long number, String state) {
    ObjectNode pr = (ObjectNode) api.example("pull-request-simple-items").get(0).deepCopy();
    pr.put("number", number);
    pr.put("state", state);
    // GitHub's own example lists a team without the required "type": the validator caught it.
    pr.putArray("requested_teams");
    pullsOfSha.add(pr);
  }

  /** All comment bodies of an issue, oldest first. */
  synchronized List<String> bodies(long issue) {
    List<String> out = new ArrayList<>();
    for (ObjectNode c : issueComments.getOrDefault(issue, List.of())) {
      out.add(c.path("body").asText());
    }
    return out;
  }

  private String author() {
    return userEndpointForbidden ? GitHubClient.ACTIONS_BOT : tokenUser;
  }

  private Reply user() {
    if (userEndpointForbidden) {
      return Reply.json(403, "{\"message\":\"Resource not accessible by integration\","
          + "\"documentation_url\":\"https://docs.github.com/rest/users/users#get-the-authenticated-user\"}");
    }
    ObjectNode u = (ObjectNode)
        api.example("private-user-response-with-public-and-private-profile-information");
    u.put("login", tokenUser);
    return Reply.json(200, u);
  }

  private synchronized Reply page(Request r, List<ObjectNode> all, String path) {
    int per = r.param("per_page").isEmpty() ? 30 : Integer.parseInt(r.param("per_page"));
    int page = r.param("page").isEmpty() ? 1 : Integer.parseInt(r.param("page"));
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    int from = (page - 1) * per;
    for (int i = from; i < Math.min(all.size(), from + per); i++) {
      a.add(all.get(i));
    }
    Reply reply = Reply.json(200, a);
    int last = Math.max(1, (all.size() + per - 1) / per);
    if (page < last) {
      String base = stub.uri("/api/v3/repositories/" + REPO_ID + path).toString();
      reply = reply.with("Link",
          "<" + base + "?per_page=" + per + "&page=" + (page + 1) + ">; rel=\"next\", <" + base
              + "?per_page=" + per + "&page=" + last + ">; rel=\"last\"");
    }
    return reply;
  }

  private synchronized Reply edit(Map<?, List<ObjectNode>> store, long id, Request r) {
    for (List<ObjectNode> list : store.values()) {
      for (ObjectNode c : list) {
        if (c.path("id").asLong() == id) {
          c.put("body", r.json().path("body").asText());
          c.put("updated_at", "2026-11-28T12:00:00Z");
          return Reply.json(200, c);
        }
      }
    }
    return notFound();
  }

  private void gitData(String repo) {
    stub.on("GET", repo + "/git/ref/(.+)", (r, m) -> auth(r, () -> {
      String sha = refs.get("refs/" + m.group(1));
      return sha == null ? notFound() : Reply.json(200, ref("refs/" + m.group(1), sha));
    }));
    stub.on("GET", repo + "/git/commits/([0-9a-f]+)", (r, m) -> auth(r, () -> {
      JsonNode c = objects.get(m.group(1));
      return c == null ? notFound() : Reply.json(200, c);
    }));
    stub.on("POST", repo + "/git/blobs", (r, m) -> auth(r, () -> {
      ObjectNode b = (ObjectNode) api.example("short-blob");
      String sha = nextSha();
      b.put("sha", sha);
      objects.put(sha, r.json());
      return Reply.json(201, b);
    }));
    stub.on("POST", repo + "/git/trees", (r, m) -> auth(r, () -> {
      ObjectNode t = (ObjectNode) api.example("git-tree");
      String sha = nextSha();
      t.put("sha", sha);
      objects.put(sha, r.json());
      return Reply.json(201, t);
    }));
    stub.on("POST", repo + "/git/commits", (r, m) -> auth(r, () -> {
      ObjectNode c = (ObjectNode) api.example("git-commit");
      String sha = nextSha();
      c.put("sha", sha);
      c.put("message", r.json().path("message").asText());
      ((ObjectNode) c.get("tree")).put("sha", r.json().path("tree").asText());
      ArrayNode parents = c.putArray("parents");
      for (JsonNode p : r.json().path("parents")) {
        parents.addObject().put("sha", p.asText())
            .put("url", "https://github.example/api/v3/repos/octo/wine/git/commits/" + p.asText())
            .put("html_url", "https://github.example/octo/wine/commit/" + p.asText());
      }
      objects.put(sha, c);
      return Reply.json(201, c);
    }));
    stub.on("POST", repo + "/git/refs", (r, m) -> auth(r, () -> {
      String name = r.json().path("ref").asText();
      if (refs.containsKey(name)) {
        return Reply.json(422, "{\"message\":\"Reference already exists\","
            + "\"documentation_url\":\"https://docs.github.com/rest/git/refs#create-a-reference\"}");
      }
      refs.put(name, r.json().path("sha").asText());
      return Reply.json(201, ref(name, r.json().path("sha").asText()));
    }));
    stub.on("PATCH", repo + "/git/refs/(.+)", (r, m) -> auth(r, () -> {
      String name = "refs/" + m.group(1);
      if (!refs.containsKey(name)) {
        return notFound();
      }
      refs.put(name, r.json().path("sha").asText());
      return Reply.json(200, ref(name, r.json().path("sha").asText()));
    }));
  }

  private ObjectNode ref(String name, String sha) {
    ObjectNode g = (ObjectNode) api.example("git-ref");
    g.put("ref", name);
    ((ObjectNode) g.get("object")).put("sha", sha).put("type", "commit");
    return g;
  }

  private String nextSha() {
    return String.format("%040x", ids.incrementAndGet());
  }

  static Reply notFound() {
    return Reply.json(404, "{\"message\":\"Not Found\","
        + "\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}");
  }

  private Reply auth(Request r, Supplier<Reply> ok) {
    if (!("Bearer " + TOKEN).equals(r.header("authorization"))
        || !"2022-11-28".equals(r.header("x-github-api-version"))
        || !r.header("accept").contains("application/vnd.github+json")
        || r.header("user-agent").isEmpty()) {
      return Reply.json(401, "{\"message\":\"Bad credentials\","
          + "\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
    }
    return ok.get();
  }

  @Override
  public void close() {
    stub.close();
  }
}
