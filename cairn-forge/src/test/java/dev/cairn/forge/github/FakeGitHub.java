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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A stateful GitHub stand-in (public: cairn-cli's end-to-end tests use it through the test jar) for one repository ({@code octo/wine}) behind a GitHub Enterprise
 * style base ({@code /api/v3}). Response bodies start from the examples in GitHub's OpenAPI
 * description, and every exchange is checked against that description; {@link
 * StubServer#failures()} collects the complaints.
 */
public final class FakeGitHub implements AutoCloseable {
  public static final String TOKEN = "ghp_FAKEtoken0123456789abcdefSECRET";
  public static final String OWNER = "octo";
  public static final String REPO = "wine";
  static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  static final long REPO_ID = 1296269;

  public final StubServer stub = StubServer.start();
  final GitHubOpenApi api = GitHubOpenApi.load();
  final Map<Long, List<ObjectNode>> issueComments = new LinkedHashMap<>();
  public final Map<String, List<ObjectNode>> commitComments = new LinkedHashMap<>();
  final List<ObjectNode> pullsOfSha = new ArrayList<>();
  public final Map<String, String> refs = new LinkedHashMap<>();
  public final Map<String, JsonNode> objects = new LinkedHashMap<>();
  public final List<ObjectNode> checkRuns = new ArrayList<>();
  public final List<ObjectNode> statuses = new ArrayList<>();
  public final List<ObjectNode> pulls = new ArrayList<>();
  final List<JsonNode> graphqlRequests = new ArrayList<>();
  public final Map<Long, List<JsonNode>> annotationsOf = new LinkedHashMap<>();
  final Map<Long, String> mergedBy = new LinkedHashMap<>();
  public final Map<Long, String> autoMergeOf = new LinkedHashMap<>();
  volatile String graphqlError = "";
  volatile String graphqlErrorType = "UNPROCESSABLE";
  public volatile boolean checksNeedApp;
  private final AtomicLong ids = new AtomicLong(1000);
  volatile String tokenUser = "cairn-bot";
  public volatile boolean userEndpointForbidden;

  public FakeGitHub() {
    stub.check(
        x -> {
          List<String> errors = x.request().path().equals("/api/graphql")
              ? GitHubGraphQl.check(x) : api.check(x);
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
    checks(repo);
    pullRequests(repo);
  }

  /** Settings pointing at this fake with the planted token and a fake clock. */
  ForgeSettings settings(FakeTime time) {
    return ForgeSettings.of(ForgeKind.GITHUB, OWNER + "/" + REPO, Token.of(TOKEN, "GITHUB_TOKEN"))
        .withApiBase(stub.uri("/api/v3"))
        .withHeadSha(SHA)
        .withRetry(time.policy());
  }

  public ObjectNode addIssueComment(long issue, String login, String body) {
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
  public synchronized List<String> bodies(long issue) {
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


  // ---------------------------------------------------------------- checks and statuses

  private void checks(String repo) {
    stub.on("GET", repo + "/commits/([0-9a-f]+)/check-runs", (r, m) -> auth(r, () -> {
      List<ObjectNode> match = new ArrayList<>();
      synchronized (this) {
        for (ObjectNode c : checkRuns) {
          if (c.path("head_sha").asText().equals(m.group(1))
              && (r.param("check_name").isEmpty()
                  || c.path("name").asText().equals(decode(r.param("check_name"))))) {
            match.add(c);
          }
        }
      }
      Collections.reverse(match);
      int per = r.param("per_page").isEmpty() ? 30 : Integer.parseInt(r.param("per_page"));
      int page = r.param("page").isEmpty() ? 1 : Integer.parseInt(r.param("page"));
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("total_count", match.size());
      ArrayNode runs = body.putArray("check_runs");
      for (int i = (page - 1) * per; i < Math.min(match.size(), page * per); i++) {
        runs.add(match.get(i));
      }
      Reply reply = Reply.json(200, body);
      if (page * per < match.size()) {
        String base = stub.uri("/api/v3/repositories/" + REPO_ID + "/commits/" + m.group(1)
            + "/check-runs").toString();
        reply = reply.with("Link", "<" + base + "?check_name=" + r.param("check_name")
            + "&filter=latest&per_page=" + per + "&page=" + (page + 1) + ">; rel=\"next\"");
      }
      return reply;
    }));
    stub.on("POST", repo + "/check-runs", (r, m) -> auth(r, () -> {
      if (checksNeedApp) {
        return Reply.json(403, "{\"message\":\"You must authenticate via a GitHub App.\","
            + "\"documentation_url\":\"https://docs.github.com/rest/checks/runs#create-a-check-run\"}");
      }
      ObjectNode c = (ObjectNode) api.example("check-run-example-of-completed-conclusion");
      long id = ids.incrementAndGet();
      c.put("id", id);
      c.put("html_url", "https://github.example/octo/wine/runs/" + id);
      c.put("url", "https://github.example/api/v3/repos/octo/wine/check-runs/" + id);
      ((ObjectNode) c.get("output")).put("annotations_count", 0);
      apply(c, r.json());
      c.put("head_sha", r.json().path("head_sha").asText());
      synchronized (this) {
        checkRuns.add(c);
      }
      return Reply.json(201, c);
    }));
    stub.on("PATCH", repo + "/check-runs/(\\d+)", (r, m) -> auth(r, () -> {
      synchronized (this) {
        for (ObjectNode c : checkRuns) {
          if (c.path("id").asText().equals(m.group(1))) {
            apply(c, r.json());
            return Reply.json(200, c);
          }
        }
      }
      return notFound();
    }));
    stub.on("POST", repo + "/statuses/([0-9a-f]+)", (r, m) -> auth(r, () -> {
      ObjectNode st = (ObjectNode) api.example("status");
      st.put("id", ids.incrementAndGet());
      st.put("state", r.json().path("state").asText());
      st.put("context", r.json().path("context").asText());
      st.put("description", r.json().path("description").asText());
      st.put("target_url", r.json().path("target_url").asText(null));
      synchronized (this) {
        statuses.add(st);
      }
      return Reply.json(201, st);
    }));
  }

  /** Applies a create/update body to a stored check run, appending annotations as GitHub does. */
  private synchronized void apply(ObjectNode c, JsonNode body) {
    for (String f : List.of("name", "status", "conclusion", "completed_at", "details_url")) {
      if (body.has(f)) {
        c.set(f, body.get(f));
      }
    }
    JsonNode out = body.path("output");
    if (out.isObject()) {
      ObjectNode o = (ObjectNode) c.get("output");
      o.put("title", out.path("title").asText());
      o.put("summary", out.path("summary").asText());
      List<JsonNode> kept =
          annotationsOf.computeIfAbsent(c.path("id").asLong(), k -> new ArrayList<>());
      out.path("annotations").forEach(kept::add);
      o.put("annotations_count", kept.size());
    }
  }

  // ---------------------------------------------------------------- pull requests

  private void pullRequests(String repo) {
    stub.on("GET", repo + "/pulls", (r, m) -> auth(r, () -> {
      List<ObjectNode> open = new ArrayList<>();
      synchronized (this) {
        for (ObjectNode p : pulls) {
          String head = decode(r.param("head"));
          if (p.path("state").asText().equals("open")
              && (head.isEmpty() || head.equals(OWNER + ":" + p.at("/head/ref").asText()))
              && (r.param("base").isEmpty()
                  || decode(r.param("base")).equals(p.at("/base/ref").asText()))) {
            open.add(simple(p));
          }
        }
      }
      return page(r, open, "/pulls");
    }));
    stub.on("POST", repo + "/pulls", (r, m) -> auth(r, () -> {
      ObjectNode p = (ObjectNode) api.example("pull-request");
      long n = 40 + pulls.size();
      p.put("number", n);
      p.put("id", ids.incrementAndGet());
      p.put("node_id", "PR_node" + n);
      p.put("html_url", "https://github.example/octo/wine/pull/" + n);
      p.put("title", r.json().path("title").asText());
      p.put("body", r.json().path("body").asText());
      p.put("state", "open");
      ((ObjectNode) p.get("head")).put("ref", r.json().path("head").asText());
      ((ObjectNode) p.get("base")).put("ref", r.json().path("base").asText());
      p.putArray("labels");
      p.putArray("requested_teams");
      synchronized (this) {
        pulls.add(p);
      }
      return Reply.json(201, p);
    }));
    stub.on("GET", repo + "/pulls/(\\d+)", (r, m) -> auth(r, () -> {
      ObjectNode p = pull(Long.parseLong(m.group(1)));
      return p == null ? notFound() : Reply.json(200, p);
    }));
    stub.on("PATCH", repo + "/pulls/(\\d+)", (r, m) -> auth(r, () -> {
      ObjectNode p = pull(Long.parseLong(m.group(1)));
      if (p == null) {
        return notFound();
      }
      p.put("title", r.json().path("title").asText());
      p.put("body", r.json().path("body").asText());
      return Reply.json(200, p);
    }));
    stub.on("POST", repo + "/issues/(\\d+)/labels", (r, m) -> auth(r, () -> {
      ObjectNode p = pull(Long.parseLong(m.group(1)));
      if (p == null) {
        return notFound();
      }
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode name : r.json().path("labels")) {
        ObjectNode l = (ObjectNode) api.example("label");
        l.put("name", name.asText());
        ((ArrayNode) p.get("labels")).add(l);
      }
      p.path("labels").forEach(out::add);
      return Reply.json(200, out);
    }));
    stub.on("PUT", repo + "/pulls/(\\d+)/merge", (r, m) -> auth(r, () -> {
      ObjectNode p = pull(Long.parseLong(m.group(1)));
      if (p == null) {
        return notFound();
      }
      p.put("state", "closed");
      p.put("merged", true);
      synchronized (this) {
        mergedBy.put(p.path("number").asLong(), r.json().path("merge_method").asText());
      }
      return Reply.json(200, api.example(
          "pull-request-merge-result-response-if-merge-was-successful"));
    }));
    stub.on("POST", "/api/graphql", (r, m) -> auth(r, () -> {
      synchronized (this) {
        graphqlRequests.add(r.json());
      }
      if (!graphqlError.isEmpty()) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.putNull("data");
        e.putArray("errors").addObject().put("type", graphqlErrorType)
            .put("message", graphqlError).putArray("path").add("enablePullRequestAutoMerge");
        return Reply.json(200, e);
      }
      String id = r.json().at("/variables/id").asText();
      ObjectNode p = null;
      synchronized (this) {
        for (ObjectNode x : pulls) {
          if (x.path("node_id").asText().equals(id)) {
            p = x;
          }
        }
      }
      if (p == null) {
        return Reply.json(200, "{\"data\":null,\"errors\":[{\"type\":\"NOT_FOUND\","
            + "\"message\":\"Could not resolve to a node with the global id of '" + id + "'\"}]}");
      }
      synchronized (this) {
        autoMergeOf.put(p.path("number").asLong(), r.json().at("/variables/method").asText());
      }
      ObjectNode d = JsonNodeFactory.instance.objectNode();
      d.putObject("data").putObject("enablePullRequestAutoMerge").putObject("pullRequest")
          .put("number", p.path("number").asLong()).putObject("autoMergeRequest")
          .put("mergeMethod", r.json().at("/variables/method").asText())
          .put("enabledAt", "2026-11-28T12:00:00Z");
      return Reply.json(200, d);
    }));
  }

  public synchronized ObjectNode pull(long number) {
    for (ObjectNode p : pulls) {
      if (p.path("number").asLong() == number) {
        return p;
      }
    }
    return null;
  }

  /** A stored pull request in the list form (pull-request-simple), without our test fields. */
  private ObjectNode simple(ObjectNode p) {
    ObjectNode s = (ObjectNode) api.example("pull-request-simple-items").get(0).deepCopy();
    for (String f : List.of("number", "id", "node_id", "html_url", "title", "body", "state")) {
      s.set(f, p.get(f));
    }
    ((ObjectNode) s.get("head")).put("ref", p.at("/head/ref").asText());
    ((ObjectNode) s.get("base")).put("ref", p.at("/base/ref").asText());
    s.putArray("requested_teams");
    s.putArray("labels");
    return s;
  }

  /** Adds an open pull request as if someone had opened it earlier. */
  public ObjectNode addOpenPull(long number, String head, String base) {
    ObjectNode p = (ObjectNode) api.example("pull-request");
    p.put("number", number);
    p.put("node_id", "PR_node" + number);
    p.put("html_url", "https://github.example/octo/wine/pull/" + number);
    p.put("state", "open");
    ((ObjectNode) p.get("head")).put("ref", head);
    ((ObjectNode) p.get("base")).put("ref", base);
    p.putArray("labels");
    p.putArray("requested_teams");
    synchronized (this) {
      pulls.add(p);
    }
    return p;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
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
