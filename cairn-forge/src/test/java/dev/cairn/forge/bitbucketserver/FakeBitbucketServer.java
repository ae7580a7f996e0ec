package dev.cairn.forge.bitbucketserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.stub.DocumentedApi;
import dev.cairn.forge.stub.DocumentedApi.Body;
import dev.cairn.forge.stub.StubServer;
import dev.cairn.forge.stub.StubServer.Reply;
import dev.cairn.forge.stub.StubServer.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A stateful Bitbucket Data Center stand-in for repository {@code PROJ/wine}, every exchange held
 * to the shapes of Atlassian's published OpenAPI document for Bitbucket Data Center 9.2
 * (https://dac-static.atlassian.com/server/bitbucket/9.2.swagger.v3.json; its paths are {@code
 * /api/latest/...}, served as {@code /rest/api/latest} and, identically, {@code /rest/api/1.0}):
 *
 * <ul>
 *   <li>paged listings take {@code start} and {@code limit} and answer {@code {isLastPage, limit,
 *       nextPageStart, size, start, values}};
 *   <li>{@code getActivities} ({@code fromId}, {@code fromType}); a {@code COMMENTED} activity
 *       carries the {@code comment} ({@code id}, {@code version}, {@code text}, {@code
 *       author.name});
 *   <li>{@code createComment_2}/{@code createComment} (RestComment: {@code text}, {@code parent},
 *       {@code anchor}, {@code severity}, {@code state}...), {@code updateComment_2}/{@code
 *       updateComment} ("must contain a {@code version} that must match the server's version of
 *       the comment or the update will fail": 409), {@code getComment_2}, {@code getComments}
 *       ({@code path}, {@code since});
 *   <li>{@code getPullRequests} (pull requests containing a commit);
 *   <li>{@code add} ({@code POST .../commits/{commitId}/builds}, RestBuildStatusSetRequest: {@code
 *       key}, {@code state}, {@code url} required, state one of CANCELLED, FAILED, INPROGRESS,
 *       SUCCESSFUL, UNKNOWN) and the deprecated {@code addBuildStatus} ({@code POST
 *       /build-status/latest/commits/{commitId}}, states SUCCESSFUL, FAILED, INPROGRESS);
 *   <li>{@code getPage} ({@code state}, {@code direction} INCOMING|OUTGOING, {@code at}, {@code
 *       order}, {@code draft}, {@code filterText}, {@code withAttributes}, {@code
 *       withProperties}), {@code create} (RestPullRequest: {@code title}, {@code description},
 *       {@code fromRef}, {@code toRef}, {@code reviewers}, {@code draft}), {@code get_3}, {@code
 *       update} (with {@code version}; 409 when it is not the server's);
 *   <li>{@code merge} ({@code POST .../merge?version=}, RestPullRequestMergeRequest: {@code
 *       autoMerge}, {@code autoSubject}, {@code message}, {@code strategyId}, {@code version});
 *   <li>{@code getApplicationProperties} ({@code version}, {@code buildNumber}, {@code
 *       displayName}); the authenticated user's name comes back in the {@code X-AUSERNAME}
 *       response header, as Atlassian's own Jenkins integration reads it.
 * </ul>
 */
final class FakeBitbucketServer implements AutoCloseable {
  static final String TOKEN = "BBDC-PLANTEDhttpAccessToken0123456789";
  static final String BOT = "cairn-bot";
  static final String API = "/rest/api/1.0";
  static final String REPO = API + "/projects/PROJ/repos/wine";
  static final String DOC = "https://dac-static.atlassian.com/server/bitbucket/9.2.swagger.v3.json";

  final StubServer stub = StubServer.start();
  final Map<Long, List<ObjectNode>> activities = new LinkedHashMap<>();
  final Map<String, List<ObjectNode>> commitComments = new LinkedHashMap<>();
  final Map<Long, ObjectNode> comments = new LinkedHashMap<>();
  final List<ObjectNode> builds = new ArrayList<>();
  final List<ObjectNode> legacyBuilds = new ArrayList<>();
  final List<ObjectNode> pulls = new ArrayList<>();
  final List<JsonNode> merges = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(3000);
  volatile String version = "8.19.1";
  volatile boolean repoBuildsEndpoint = true;
  volatile int conflictsToSend;

  FakeBitbucketServer() {
    Set<String> page = Set.of("start", "limit");
    Set<String> comment = Set.of("text", "parent.id", "anchor", "severity", "state", "version",
        "properties");
    Set<String> pr = Set.of("id", "title", "fromRef.id", "toRef.id", "state", "version");
    Set<String> prBody = Set.of("title", "description", "fromRef.id", "fromRef.repository.slug",
        "fromRef.repository.project.key", "toRef.id", "toRef.repository.slug",
        "toRef.repository.project.key", "reviewers", "draft", "version");
    Set<String> build = Set.of("buildNumber", "description", "duration", "key", "lastUpdated",
        "name", "parent", "ref", "state", "testResults", "url");
    stub.check(new DocumentedApi()
        .route("GET", API + "/application-properties", Body.NONE, Set.of(), Set.of(), Set.of(),
            Set.of("version"), DOC + " getApplicationProperties")
        .route("GET", REPO + "/pull-requests/\\d+/activities", Body.NONE, Set.of(), Set.of(),
            Set.of("start", "limit", "fromId", "fromType"), Set.of("id", "action"),
            DOC + " getActivities")
        .route("POST", REPO + "/(pull-requests/\\d+|commits/[0-9a-f]+)/comments", Body.JSON,
            comment, Set.of("text"), Set.of("since"), Set.of("id", "version", "text",
                "author.name"), DOC + " createComment_2, createComment")
        .route("PUT", REPO + "/(pull-requests/\\d+|commits/[0-9a-f]+)/comments/\\d+", Body.JSON,
            comment, Set.of("version"), Set.of(), Set.of("id", "version", "text"),
            DOC + " updateComment_2, updateComment")
        .route("GET", REPO + "/(pull-requests/\\d+|commits/[0-9a-f]+)/comments/\\d+", Body.NONE,
            Set.of(), Set.of(), Set.of(), Set.of("id", "version"), DOC + " getComment_2")
        .route("GET", REPO + "/commits/[0-9a-f]+/comments", Body.NONE, Set.of(), Set.of(),
            Set.of("path", "since", "start", "limit"), Set.of("id", "version", "text"),
            DOC + " getComments")
        .route("GET", REPO + "/commits/[0-9a-f]+/pull-requests", Body.NONE, Set.of(), Set.of(),
            page, Set.of("id", "state"), DOC + " getPullRequests")
        .route("POST", REPO + "/commits/[0-9a-f]{40}/builds", Body.JSON, build,
            Set.of("key", "state", "url"), Set.of(), Set.of(), DOC + " add")
        .values("state", "CANCELLED", "FAILED", "INPROGRESS", "SUCCESSFUL", "UNKNOWN")
        .route("POST", "/rest/build-status/1.0/commits/[0-9a-f]{40}", Body.JSON, build,
            Set.of("key", "state", "url"), Set.of(), Set.of(), DOC + " addBuildStatus")
        .values("state", "SUCCESSFUL", "FAILED", "INPROGRESS")
        .route("GET", REPO + "/pull-requests", Body.NONE, Set.of(), Set.of(),
            Set.of("state", "direction", "at", "order", "draft", "filterText", "withAttributes",
                "withProperties", "start", "limit"), pr, DOC + " getPage")
        .values("state", "OPEN", "DECLINED", "MERGED", "ALL")
        .values("direction", "INCOMING", "OUTGOING")
        .route("POST", REPO + "/pull-requests", Body.JSON, prBody,
            Set.of("title", "fromRef.id", "toRef.id"), Set.of(), pr, DOC + " create")
        .route("GET", REPO + "/pull-requests/\\d+", Body.NONE, Set.of(), Set.of(), Set.of(), pr,
            DOC + " get_3")
        .route("PUT", REPO + "/pull-requests/\\d+", Body.JSON, prBody, Set.of("version"),
            Set.of(), pr, DOC + " update")
        .route("POST", REPO + "/pull-requests/\\d+/merge", Body.JSON,
            Set.of("autoMerge", "autoSubject", "message", "strategyId", "version"), Set.of(),
            Set.of("version"), pr, DOC + " merge")
        .requireQuery("version")::verify);
    stub.on("GET", API + "/application-properties", (r, m) -> auth(r, () ->
        Reply.json(200, "{\"version\":\"" + version + "\",\"buildNumber\":\"8019001\","
            + "\"buildDate\":\"1700000000000\",\"displayName\":\"Bitbucket\"}")
            .with("X-AUSERNAME", BOT).with("X-AUSERID", "7")));
    stub.on("GET", REPO + "/pull-requests/(\\d+)/activities", (r, m) -> auth(r, () ->
        page(r, activities.getOrDefault(Long.parseLong(m.group(1)), List.of()))));
    stub.on("POST", REPO + "/pull-requests/(\\d+)/comments", (r, m) -> auth(r, () ->
        Reply.json(201, addPrComment(Long.parseLong(m.group(1)), BOT,
            r.json().path("text").asText()))));
    stub.on("POST", REPO + "/commits/([0-9a-f]+)/comments", (r, m) -> auth(r, () -> {
      ObjectNode c = comment(BOT, r.json().path("text").asText());
      commitComments.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(c);
      return Reply.json(201, c);
    }));
    stub.on("GET", REPO + "/commits/([0-9a-f]+)/comments", (r, m) -> auth(r, () ->
        page(r, commitComments.getOrDefault(m.group(1), List.of()))));
    stub.on("PUT", REPO + "/(?:pull-requests/\\d+|commits/[0-9a-f]+)/comments/(\\d+)", (r, m) ->
        auth(r, () -> {
          ObjectNode c = comments.get(Long.parseLong(m.group(1)));
          if (c == null) {
            return error(404, "Comment " + m.group(1) + " does not exist.");
          }
          if (conflictsToSend > 0 || r.json().path("version").asLong() != c.path("version")
              .asLong()) {
            if (conflictsToSend > 0) {
              conflictsToSend--;
              c.put("version", c.path("version").asLong() + 1);
            }
            return error(409, "You are attempting to modify a comment based on out-of-date"
                + " information.");
          }
          c.put("text", r.json().path("text").asText());
          c.put("version", c.path("version").asLong() + 1);
          return Reply.json(200, c);
        }));
    stub.on("GET", REPO + "/(?:pull-requests/\\d+|commits/[0-9a-f]+)/comments/(\\d+)", (r, m) ->
        auth(r, () -> Reply.json(200, comments.get(Long.parseLong(m.group(1))))));
    stub.on("GET", REPO + "/commits/([0-9a-f]+)/pull-requests", (r, m) -> auth(r, () -> {
      List<ObjectNode> with = new ArrayList<>();
      for (ObjectNode p : pulls) {
        if (p.path("cairnCommit").asText().equals(m.group(1))) {
          with.add(strip(p));
        }
      }
      return page(r, with);
    }));
    stub.on("POST", REPO + "/commits/([0-9a-f]{40})/builds", (r, m) -> auth(r, () -> {
      if (!repoBuildsEndpoint) {
        return error(404, "No resource found");
      }
      builds.add((ObjectNode) r.json());
      return Reply.empty(204);
    }));
    stub.on("POST", "/rest/build-status/1.0/commits/([0-9a-f]{40})", (r, m) -> auth(r, () -> {
      legacyBuilds.add((ObjectNode) r.json());
      return Reply.empty(204);
    }));
    stub.on("GET", REPO + "/pull-requests", (r, m) -> auth(r, () -> {
      List<ObjectNode> match = new ArrayList<>();
      String at = URLDecoder.decode(r.param("at"), StandardCharsets.UTF_8);
      for (ObjectNode p : pulls) {
        if (p.path("state").asText().equals(r.param("state"))
            && (at.isEmpty() || p.at("/fromRef/id").asText().equals(at))) {
          match.add(strip(p));
        }
      }
      return page(r, match);
    }));
    stub.on("POST", REPO + "/pull-requests", (r, m) -> auth(r, () -> {
      ObjectNode p = addPull(r.json().at("/fromRef/id").asText(), r.json().at("/toRef/id")
          .asText(), "");
      p.put("title", r.json().path("title").asText())
          .put("description", r.json().path("description").asText());
      return Reply.json(201, strip(p));
    }));
    stub.on("GET", REPO + "/pull-requests/(\\d+)", (r, m) -> auth(r, () ->
        Reply.json(200, strip(pull(Long.parseLong(m.group(1)))))));
    stub.on("PUT", REPO + "/pull-requests/(\\d+)", (r, m) -> auth(r, () -> {
      ObjectNode p = pull(Long.parseLong(m.group(1)));
      if (r.json().path("version").asLong() != p.path("version").asLong()) {
        return error(409, "You are attempting to modify a pull request based on out-of-date"
            + " information.");
      }
      p.put("title", r.json().path("title").asText())
          .put("description", r.json().path("description").asText())
          .put("version", p.path("version").asLong() + 1);
      p.set("cairnReviewersSent", r.json().path("reviewers"));
      return Reply.json(200, strip(p));
    }));
    stub.on("POST", REPO + "/pull-requests/(\\d+)/merge", (r, m) -> auth(r, () -> {
      ObjectNode p = pull(Long.parseLong(m.group(1)));
      if (!r.param("version").equals(p.path("version").asText())) {
        return error(409, "You are attempting to modify a pull request based on out-of-date"
            + " information.");
      }
      merges.add(r.json());
      return Reply.json(200, strip(p));
    }));
  }

  private static Reply error(int status, String message) {
    return Reply.json(status, "{\"errors\":[{\"context\":null,\"message\":\"" + message
        + "\",\"exceptionName\":\"com.atlassian.bitbucket.Example\"}]}");
  }

  /** A page of {@code all} as {@code start} and {@code limit} ask. */
  private static Reply page(Request r, List<ObjectNode> all) {
    int limit = r.param("limit").isEmpty() ? 25 : Integer.parseInt(r.param("limit"));
    int start = r.param("start").isEmpty() ? 0 : Integer.parseInt(r.param("start"));
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    ArrayNode values = p.putArray("values");
    for (int i = start; i < Math.min(all.size(), start + limit); i++) {
      values.add(all.get(i));
    }
    boolean last = start + limit >= all.size();
    p.put("size", values.size()).put("limit", limit).put("start", start).put("isLastPage", last);
    if (!last) {
      p.put("nextPageStart", start + limit);
    }
    return Reply.json(200, p);
  }

  private ObjectNode comment(String author, String text) {
    long id = ids.incrementAndGet();
    ObjectNode c = JsonNodeFactory.instance.objectNode().put("id", id).put("version", 0)
        .put("text", text).put("createdDate", 1700000000000L);
    c.putObject("author").put("name", author).put("slug", author).put("id", author.hashCode());
    comments.put(id, c);
    return c;
  }

  /** A comment and its COMMENTED activity, newest first as Bitbucket lists them. */
  ObjectNode addPrComment(long pr, String author, String text) {
    ObjectNode c = comment(author, text);
    ObjectNode a = JsonNodeFactory.instance.objectNode().put("id", ids.incrementAndGet())
        .put("action", "COMMENTED").put("commentAction", "ADDED");
    a.set("comment", c);
    activities.computeIfAbsent(pr, k -> new ArrayList<>()).add(0, a);
    return c;
  }

  void addOtherActivity(long pr, String action) {
    activities.computeIfAbsent(pr, k -> new ArrayList<>()).add(0, JsonNodeFactory.instance
        .objectNode().put("id", ids.incrementAndGet()).put("action", action));
  }

  ObjectNode addPull(String fromRef, String toRef, String commit) {
    long id = 1 + pulls.size();
    ObjectNode p = JsonNodeFactory.instance.objectNode().put("id", id).put("version", 0)
        .put("title", "t").put("state", "OPEN").put("open", true).put("cairnCommit", commit);
    p.putObject("fromRef").put("id", fromRef);
    p.putObject("toRef").put("id", toRef);
    p.putArray("reviewers").addObject().put("approved", false).put("role", "REVIEWER")
        .putObject("user").put("name", "alice").put("slug", "alice");
    p.putObject("links").putArray("self").addObject().put("href",
        "https://bitbucket.example.com/projects/PROJ/repos/wine/pull-requests/" + id);
    pulls.add(p);
    return p;
  }

  ObjectNode pull(long id) {
    return pulls.stream().filter(p -> p.path("id").asLong() == id).findFirst().orElseThrow();
  }

  private static ObjectNode strip(ObjectNode p) {
    return p.deepCopy().without(List.of("cairnCommit", "cairnReviewersSent"));
  }

  List<String> texts(long pr) {
    List<String> out = new ArrayList<>();
    for (ObjectNode a : activities.getOrDefault(pr, List.of())) {
      if (a.has("comment")) {
        out.add(0, comments.get(a.at("/comment/id").asLong()).path("text").asText());
      }
    }
    return out;
  }

  private Reply auth(Request r, Supplier<Reply> ok) {
    if (!("Bearer " + TOKEN).equals(r.header("authorization"))) {
      return error(401, "Authentication failed. Please check your credentials and try again.");
    }
    return ok.get();
  }

  @Override
  public void close() {
    stub.close();
  }
}
