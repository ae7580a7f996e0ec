package dev.cairn.forge.azure;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A stateful Azure Repos stand-in for {@code fabrikam/Fiber Project/wine}, every exchange held to
 * the shapes of Microsoft's REST API description, MicrosoftDocs/vsts-rest-api-specs, {@code
 * specification/git/7.0/git.json} (Swagger 2.0) and the {@code httpExamples} beside it, which show
 * the wire form of lists ({@code {"count": n, "value": [...]}}):
 *
 * <ul>
 *   <li>every call carries {@code api-version} (parameter {@code api-Version}, "7.0");
 *   <li>{@code Pull Request Threads_List} (query {@code $iteration}, {@code $baseIteration}) and
 *       {@code _Create} (body {@code GitPullRequestCommentThread}: {@code comments}, {@code
 *       status} one of unknown, active, fixed, wontFix, closed, byDesign, pending, {@code
 *       properties}, {@code threadContext}, {@code pullRequestThreadContext}; answers 200);
 *   <li>{@code Pull Request Thread Comments_Update} (body {@code Comment}: {@code content}, {@code
 *       parentCommentId}, {@code commentType}; "Comments can be up to 150,000 characters");
 *   <li>{@code Statuses_Create} (body {@code GitStatus}: {@code state} one of notSet, pending,
 *       succeeded, failed, error, notApplicable; {@code description}, {@code targetUrl}, {@code
 *       context.name}, {@code context.genre}; answers 201) and {@code Pull Request
 *       Statuses_Create} ({@code GitPullRequestStatus}: the same plus {@code iterationId}, {@code
 *       properties}; answers 200);
 *   <li>{@code Pull Requests_Get Pull Requests} (query {@code searchCriteria.sourceRefName}, {@code
 *       .targetRefName}, {@code .status} one of notSet, active, abandoned, completed, all, {@code
 *       .creatorId}, {@code .reviewerId}, {@code .repositoryId}, {@code .sourceRepositoryId},
 *       {@code .includeLinks}, {@code $top}, {@code $skip}, {@code maxCommentLength}), {@code
 *       _Create} ({@code GitPullRequest}, answers 201), {@code _Update} (PATCH: status, title,
 *       description (up to 4000 characters), completionOptions, mergeOptions,
 *       autoCompleteSetBy.id, targetRefName; {@code completionOptions.mergeStrategy} one of
 *       noFastForward, squash, rebase, rebaseMerge);
 *   <li>{@code Pull Request Labels_Create} (body {@code WebApiCreateTagRequestData}: {@code
 *       name});
 *   <li>{@code Pull Request Attachments_Create} (raw {@code application/octet-stream} body,
 *       answers 201 {@code Attachment}: {@code url}, {@code displayName}, {@code id}) and {@code
 *       _List};
 *   <li>{@code GET {organization}/_apis/connectionData}: the location service's connection data,
 *       {@code authenticatedUser.id} (typed as {@code ConnectionData} in Microsoft's
 *       azure-devops-extension-api reference); not part of the git description.
 * </ul>
 */
final class FakeAzureDevOps implements AutoCloseable {
  static final String PAT = "52charPATplantedSECRETabcdefghijklmnopqrstuvwxyz0123";
  static final String JWT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJQTEFOVEVEIjoiam9iIn0.c2lnbmF0dXJl";
  static final String ME = "d6245f20-2af8-44f4-9451-8107cb2767db";
  static final String SPEC = "MicrosoftDocs/vsts-rest-api-specs specification/git/7.0/git.json";
  static final String REPO = "/fabrikam/Fiber%20Project/_apis/git/repositories/wine";

  final StubServer stub = StubServer.start();
  final Map<Long, List<ObjectNode>> threads = new LinkedHashMap<>();
  final List<ObjectNode> pulls = new ArrayList<>();
  final List<ObjectNode> commitStatuses = new ArrayList<>();
  final Map<Long, List<ObjectNode>> prStatuses = new LinkedHashMap<>();
  final Map<Long, List<String>> labels = new LinkedHashMap<>();
  final Map<Long, Map<String, byte[]>> attachments = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong(140);
  volatile String expectedAuth = "Basic " + Base64.getEncoder()
      .encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8));

  FakeAzureDevOps() {
    Set<String> thread = Set.of("id", "comments");
    Set<String> pr = Set.of("pullRequestId", "sourceRefName", "targetRefName", "title", "status");
    Set<String> status = Set.of("state", "context.name", "context.genre", "description",
        "targetUrl", "iterationId", "properties", "id", "createdBy", "creationDate",
        "updatedDate", "_links");
    Set<String> prBody = Set.of("sourceRefName", "targetRefName", "title", "description",
        "isDraft", "labels", "reviewers", "workItemRefs", "completionOptions.mergeStrategy",
        "completionOptions.deleteSourceBranch", "completionOptions.mergeCommitMessage",
        "completionOptions.squashMerge", "completionOptions.bypassPolicy",
        "completionOptions.bypassReason", "completionOptions.transitionWorkItems",
        "completionOptions.autoCompleteIgnoreConfigIds", "mergeOptions", "autoCompleteSetBy.id",
        "status");
    stub.check(new DocumentedApi()
        .route("GET", REPO + "/pullRequests/\\d+/threads", Body.NONE, Set.of(), Set.of(),
            Set.of("$iteration", "$baseIteration", "api-version"), thread,
            SPEC + " Pull Request Threads_List").requireQuery("api-version")
        .values("api-version", "7.0")
        .route("POST", REPO + "/pullRequests/\\d+/threads", Body.JSON,
            Set.of("comments", "status", "properties", "threadContext",
                "pullRequestThreadContext"), Set.of("comments"), Set.of("api-version"), thread,
            SPEC + " Pull Request Threads_Create").requireQuery("api-version")
        .values("status", "unknown", "active", "fixed", "wontFix", "closed", "byDesign",
            "pending")
        .route("PATCH", REPO + "/pullRequests/\\d+/threads/\\d+/comments/\\d+", Body.JSON,
            Set.of("content", "parentCommentId", "commentType"), Set.of("content"),
            Set.of("api-version"), Set.of("id", "content", "author.id"),
            SPEC + " Pull Request Thread Comments_Update").requireQuery("api-version")
        .route("POST", REPO + "/commits/[0-9a-f]{40}/statuses", Body.JSON, status,
            Set.of("state", "context.name"), Set.of("api-version"), Set.of("state"),
            SPEC + " Statuses_Create").requireQuery("api-version")
        .values("state", "notSet", "pending", "succeeded", "failed", "error", "notApplicable")
        .route("POST", REPO + "/pullRequests/\\d+/statuses", Body.JSON, status,
            Set.of("context.name"), Set.of("api-version"), Set.of("state", "id"),
            SPEC + " Pull Request Statuses_Create").requireQuery("api-version")
        .values("state", "notSet", "pending", "succeeded", "failed", "error", "notApplicable")
        .route("GET", REPO + "/pullrequests", Body.NONE, Set.of(), Set.of(),
            Set.of("searchCriteria.sourceRefName", "searchCriteria.targetRefName",
                "searchCriteria.status", "searchCriteria.creatorId", "searchCriteria.reviewerId",
                "searchCriteria.repositoryId", "searchCriteria.sourceRepositoryId",
                "searchCriteria.includeLinks", "$top", "$skip", "maxCommentLength",
                "api-version"), pr, SPEC + " Pull Requests_Get Pull Requests")
        .requireQuery("api-version")
        .values("searchCriteria.status", "notSet", "active", "abandoned", "completed", "all")
        .route("POST", REPO + "/pullrequests", Body.JSON, prBody,
            Set.of("sourceRefName", "targetRefName", "title"), Set.of("api-version",
                "supportsIterations"), pr, SPEC + " Pull Requests_Create")
        .requireQuery("api-version")
        .route("PATCH", REPO + "/pullrequests/\\d+", Body.JSON, prBody, Set.of(),
            Set.of("api-version"), pr, SPEC + " Pull Requests_Update").requireQuery("api-version")
        .values("completionOptions.mergeStrategy", "noFastForward", "squash", "rebase",
            "rebaseMerge")
        .route("POST", REPO + "/pullRequests/\\d+/labels", Body.JSON, Set.of("name"),
            Set.of("name"), Set.of("api-version", "projectId"), Set.of("id", "name"),
            SPEC + " Pull Request Labels_Create").requireQuery("api-version")
        .route("POST", REPO + "/pullRequests/\\d+/attachments/[^/]+", Body.BINARY, Set.of(),
            Set.of(), Set.of("api-version"), Set.of("url", "displayName"),
            SPEC + " Pull Request Attachments_Create").requireQuery("api-version")
        .route("GET", REPO + "/pullRequests/\\d+/attachments", Body.NONE, Set.of(), Set.of(),
            Set.of("api-version"), Set.of("url", "displayName"),
            SPEC + " Pull Request Attachments_List").requireQuery("api-version")
        .route("GET", "/fabrikam/_apis/connectionData", Body.NONE, Set.of(), Set.of(), Set.of(),
            Set.of("authenticatedUser.id"),
            "learn.microsoft.com/javascript/api/azure-devops-extension-api/connectiondata")
        ::verify);
    stub.on("GET", "/fabrikam/_apis/connectionData", (r, m) -> auth(r, () -> Reply.json(200,
        "{\"authenticatedUser\":{\"id\":\"" + ME + "\",\"descriptor\":\"Microsoft.IdentityModel."
            + "Claims.ClaimsIdentity;x\",\"providerDisplayName\":\"Project Collection Build"
            + " Service (fabrikam)\"},\"authorizedUser\":{\"id\":\"" + ME + "\"},"
            + "\"instanceId\":\"0c2b1b1e-0000-4000-8000-000000000001\"}")));
    stub.on("GET", REPO + "/pullRequests/(\\d+)/threads", (r, m) -> auth(r, () ->
        list(threads.getOrDefault(Long.parseLong(m.group(1)), List.of()))));
    stub.on("POST", REPO + "/pullRequests/(\\d+)/threads", (r, m) -> auth(r, () -> {
      ObjectNode th = addThread(Long.parseLong(m.group(1)), ME,
          r.json().at("/comments/0/content").asText());
      th.put("status", r.json().path("status").asText());
      return Reply.json(200, th);
    }));
    stub.on("PATCH", REPO + "/pullRequests/(\\d+)/threads/(\\d+)/comments/(\\d+)", (r, m) ->
        auth(r, () -> {
          for (ObjectNode th : threads.getOrDefault(Long.parseLong(m.group(1)), List.of())) {
            if (th.path("id").asText().equals(m.group(2))) {
              for (JsonNode c : th.path("comments")) {
                if (c.path("id").asText().equals(m.group(3))) {
                  ((ObjectNode) c).put("content", r.json().path("content").asText());
                  return Reply.json(200, c);
                }
              }
            }
          }
          return notFound("TF401180: The requested pull request comment was not found.");
        }));
    stub.on("POST", REPO + "/commits/([0-9a-f]{40})/statuses", (r, m) -> auth(r, () -> {
      ObjectNode s = ((ObjectNode) r.json()).deepCopy();
      s.put("creationDate", "2026-11-28T12:00:00Z");
      commitStatuses.add(s);
      return Reply.json(201, s);
    }));
    stub.on("POST", REPO + "/pullRequests/(\\d+)/statuses", (r, m) -> auth(r, () -> {
      ObjectNode s = ((ObjectNode) r.json()).deepCopy();
      s.put("id", ids.incrementAndGet());
      prStatuses.computeIfAbsent(Long.parseLong(m.group(1)), k -> new ArrayList<>()).add(s);
      return Reply.json(200, s);
    }));
    stub.on("GET", REPO + "/pullrequests", (r, m) -> auth(r, () -> {
      List<ObjectNode> match = new ArrayList<>();
      for (ObjectNode p : pulls) {
        if (p.path("status").asText().equals(decode(r.param("searchCriteria.status")))
            && matches(p, "sourceRefName", decode(r.param("searchCriteria.sourceRefName")))
            && matches(p, "targetRefName", decode(r.param("searchCriteria.targetRefName")))) {
          match.add(p);
        }
      }
      int top = Integer.parseInt(r.param("$top"));
      int skip = Integer.parseInt(r.param("$skip"));
      return list(match.subList(Math.min(skip, match.size()), Math.min(skip + top, match.size())));
    }));
    stub.on("POST", REPO + "/pullrequests", (r, m) -> auth(r, () -> {
      ObjectNode p = addPull(r.json().path("sourceRefName").asText(),
          r.json().path("targetRefName").asText(), "b0000000000000000000000000000000000000b0");
      p.put("title", r.json().path("title").asText())
          .put("description", r.json().path("description").asText());
      return Reply.json(201, p);
    }));
    stub.on("PATCH", REPO + "/pullrequests/(\\d+)", (r, m) -> auth(r, () -> {
      ObjectNode p = pull(Long.parseLong(m.group(1)));
      r.json().fields().forEachRemaining(f -> p.set(f.getKey(), f.getValue()));
      return Reply.json(200, p);
    }));
    stub.on("POST", REPO + "/pullRequests/(\\d+)/labels", (r, m) -> auth(r, () -> {
      labels.computeIfAbsent(Long.parseLong(m.group(1)), k -> new ArrayList<>())
          .add(r.json().path("name").asText());
      return Reply.json(200, "{\"id\":\"" + ids.incrementAndGet() + "\",\"name\":\""
          + r.json().path("name").asText() + "\",\"active\":true}");
    }));
    stub.on("POST", REPO + "/pullRequests/(\\d+)/attachments/([^/]+)", (r, m) -> auth(r, () -> {
      Map<String, byte[]> files = attachments.computeIfAbsent(Long.parseLong(m.group(1)),
          k -> new LinkedHashMap<>());
      String name = decode(m.group(2));
      if (files.containsKey(name)) {
        return Reply.json(409, "{\"message\":\"TF401030: An attachment with the name " + name
            + " already exists.\"}");
      }
      files.put(name, r.body());
      return Reply.json(201, attachment(m.group(1), name));
    }));
    stub.on("GET", REPO + "/pullRequests/(\\d+)/attachments", (r, m) -> auth(r, () -> {
      List<ObjectNode> a = new ArrayList<>();
      attachments.getOrDefault(Long.parseLong(m.group(1)), Map.of()).keySet()
          .forEach(n -> a.add(attachment(m.group(1), n)));
      return list(a);
    }));
  }

  private ObjectNode attachment(String pr, String name) {
    return JsonNodeFactory.instance.objectNode().put("id", name.hashCode() & 0xffff)
        .put("displayName", name).put("url", "https://dev.azure.com/fabrikam/_apis/git/"
            + "repositories/wine/pullRequests/" + pr + "/attachments/" + name);
  }

  private static boolean matches(ObjectNode p, String field, String wanted) {
    return wanted.isEmpty() || p.path(field).asText().equals(wanted);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Reply list(List<? extends JsonNode> items) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("count", items.size());
    ArrayNode v = o.putArray("value");
    items.forEach(v::add);
    return Reply.json(200, o);
  }

  static Reply notFound(String message) {
    return Reply.json(404, "{\"$id\":\"1\",\"innerException\":null,\"message\":\"" + message
        + "\",\"typeName\":\"Microsoft.TeamFoundation.Git.Server.GitItemNotFoundException\","
        + "\"typeKey\":\"GitItemNotFoundException\",\"errorCode\":0,\"eventId\":3000}");
  }

  ObjectNode addThread(long pr, String author, String content) {
    ObjectNode th = JsonNodeFactory.instance.objectNode().put("id", ids.incrementAndGet())
        .put("status", "active").put("isDeleted", false)
        .put("publishedDate", "2026-11-28T12:00:00Z");
    ObjectNode c = th.putArray("comments").addObject().put("id", 1).put("parentCommentId", 0)
        .put("content", content).put("commentType", "text");
    c.putObject("author").put("id", author).put("displayName", "someone");
    threads.computeIfAbsent(pr, k -> new ArrayList<>()).add(th);
    return th;
  }

  ObjectNode addPull(String sourceRef, String targetRef, String sourceCommit) {
    long id = 20 + pulls.size();
    ObjectNode p = JsonNodeFactory.instance.objectNode().put("pullRequestId", id)
        .put("status", "active").put("sourceRefName", sourceRef).put("targetRefName", targetRef)
        .put("title", "t").put("description", "");
    p.putObject("lastMergeSourceCommit").put("commitId", sourceCommit);
    pulls.add(p);
    return p;
  }

  ObjectNode pull(long id) {
    return pulls.stream().filter(p -> p.path("pullRequestId").asLong() == id).findFirst()
        .orElseThrow();
  }

  List<String> contents(long pr) {
    List<String> out = new ArrayList<>();
    threads.getOrDefault(pr, List.of()).forEach(t -> out.add(t.at("/comments/0/content").asText()));
    return out;
  }

  private Reply auth(Request r, Supplier<Reply> ok) {
    if (!"Suppress".equals(r.header("x-tfs-fedauthredirect"))) {
      return new Reply(203, Map.of("Content-Type", "text/html"),
          "<html>Sign in</html>".getBytes(StandardCharsets.UTF_8));
    }
    if (!expectedAuth.equals(r.header("authorization"))) {
      return Reply.json(401, "{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF400813:"
          + " The user '' is not authorized to access this resource.\",\"typeName\":\"Microsoft."
          + "TeamFoundation.Framework.Server.UnauthorizedRequestException\",\"typeKey\":"
          + "\"UnauthorizedRequestException\",\"errorCode\":0,\"eventId\":3000}");
    }
    return ok.get();
  }

  @Override
  public void close() {
    stub.close();
  }
}
