package dev.cairn.forge.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CheckRun;
import dev.cairn.forge.ForgeAuthenticationException;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.Forges;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequestRequest;
import dev.cairn.forge.PullRequestResult;
import dev.cairn.forge.Token;
import dev.cairn.forge.stub.DocumentedApi;
import dev.cairn.forge.stub.DocumentedApi.Body;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer;
import dev.cairn.forge.stub.StubServer.Reply;
import dev.cairn.forge.stub.StubServer.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Build statuses and pull requests against a stub holding every exchange to Bitbucket Cloud's
 * published OpenAPI document (https://dac-static.atlassian.com/cloud/bitbucket/swagger.v3.json,
 * rendered at https://developer.atlassian.com/cloud/bitbucket/rest/):
 * <ul>
 *   <li>{@code POST /repositories/{ws}/{slug}/commit/{commit}/statuses/build}: schema {@code
 *       commitstatus}, {@code key} and {@code state} required, state one of FAILED, INPROGRESS,
 *       STOPPED, SUCCESSFUL; {@code url}, {@code name}, {@code description}, {@code refname};
 *   <li>{@code GET /repositories/{ws}/{slug}/pullrequests} ({@code state}, {@code page}, {@code
 *       pagelen}, paged by {@code next}); {@code POST} (schema {@code pullrequest}: {@code title},
 *       {@code description}, {@code source.branch.name}, {@code destination.branch.name}, {@code
 *       close_source_branch}, {@code reviewers}, {@code draft}); {@code PUT .../pullrequests/{id}};
 *   <li>there is no labels field and no auto-merge operation ({@code POST .../merge} merges at
 *       once), so Cairn never calls one.
 * </ul>
 */
class BitbucketChecksAndPullsTest {
  private static final String SECRET = "ATCTT3xFfGN0PLANTEDaccessTOKEN";
  private static final String SHA = "fedcba9876543210fedcba9876543210fedcba98";
  private static final String R = "/2.0/repositories/team/wine";
  private static final String DOC = "https://dac-static.atlassian.com/cloud/bitbucket/swagger.v3.json";

  private final StubServer stub = StubServer.start();
  private final FakeTime time = new FakeTime();
  private final List<ObjectNode> statuses = new ArrayList<>();
  private final List<ObjectNode> comments = new ArrayList<>();
  private final List<ObjectNode> pulls = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(800);

  BitbucketChecksAndPullsTest() {
    Set<String> pr = Set.of("id", "title", "links.html.href", "source.branch.name",
        "destination.branch.name", "state");
    Set<String> comment = Set.of("id", "content.raw", "user.uuid", "links.html.href");
    stub.check(new DocumentedApi()
        .route("POST", R + "/commit/[0-9a-f]{40}/statuses/build", Body.JSON,
            Set.of("key", "state", "url", "name", "description", "refname", "type"),
            Set.of("key", "state"), Set.of(), Set.of("key", "state", "url"), DOC)
        .values("state", "FAILED", "INPROGRESS", "STOPPED", "SUCCESSFUL")
        .route("GET", R + "/pullrequests", Body.NONE, Set.of(), Set.of(),
            Set.of("state", "page", "pagelen"), pr, DOC)
        .values("state", "OPEN", "MERGED", "DECLINED", "SUPERSEDED")
        .route("POST", R + "/pullrequests", Body.JSON,
            Set.of("title", "description", "source.branch.name", "destination.branch.name",
                "close_source_branch", "reviewers", "draft", "type"),
            Set.of("title", "source.branch.name"), Set.of(), pr, DOC)
        .route("PUT", R + "/pullrequests/\\d+", Body.JSON,
            Set.of("title", "description", "destination.branch.name", "reviewers", "draft"),
            Set.of(), Set.of(), pr, DOC)
        .route("GET", R + "/commit/[0-9a-f]+/pullrequests", Body.NONE, Set.of(), Set.of(),
            Set.of("page", "pagelen"), Set.of("id", "state"), DOC)
        .route("GET", R + "/(pullrequests|commit)/[^/]+/comments", Body.NONE, Set.of(), Set.of(),
            Set.of("page", "pagelen"), comment, DOC)
        .route("POST", R + "/(pullrequests|commit)/[^/]+/comments", Body.JSON,
            Set.of("content.raw"), Set.of("content.raw"), Set.of(), comment, DOC)::verify);
    stub.on("POST", R + "/commit/([0-9a-f]{40})/statuses/build", (r, m) -> auth(r, () -> {
      ObjectNode s = ((ObjectNode) r.json()).deepCopy();
      s.put("type", "build");
      statuses.removeIf(x -> x.path("key").asText().equals(s.path("key").asText()));
      statuses.add(s);
      return Reply.json(201, s);
    }));
    stub.on("GET", R + "/commit/([0-9a-f]+)/pullrequests", (r, m) -> auth(r, () ->
        Reply.json(404, "{\"type\":\"error\",\"error\":{\"message\":\"Invalid or unknown"
            + " installation\"}}")));
    stub.on("GET", R + "/(pullrequests|commit)/([^/]+)/comments", (r, m) -> auth(r, () ->
        Reply.json(200, "{\"pagelen\":100,\"values\":[],\"page\":1,\"size\":0}")));
    stub.on("POST", R + "/(pullrequests|commit)/([^/]+)/comments", (r, m) -> auth(r, () -> {
      long id = ids.incrementAndGet();
      ObjectNode c = JsonNodeFactory.instance.objectNode().put("id", id).put("type", "x");
      c.putObject("content").put("raw", r.json().at("/content/raw").asText());
      c.putObject("user").put("uuid", "{me}");
      c.putObject("links").putObject("html").put("href", "https://bitbucket.org/team/wine/"
          + (m.group(1).equals("commit") ? "commits/" + m.group(2) : "pull-requests/"
              + m.group(2)) + "#comment-" + id);
      comments.add(c);
      return Reply.json(201, c);
    }));
    stub.on("GET", R + "/pullrequests", (r, m) -> auth(r, () -> {
      int per = Integer.parseInt(r.param("pagelen"));
      int page = r.param("page").isEmpty() ? 1 : Integer.parseInt(r.param("page"));
      ObjectNode p = JsonNodeFactory.instance.objectNode().put("pagelen", per).put("page", page)
          .put("size", pulls.size());
      ArrayNode values = p.putArray("values");
      for (int i = (page - 1) * per; i < Math.min(pulls.size(), page * per); i++) {
        values.add(pulls.get(i));
      }
      if (page * per < pulls.size()) {
        p.put("next", stub.uri(r.path()) + "?state=OPEN&pagelen=" + per + "&page=" + (page + 1));
      }
      return Reply.json(200, p);
    }));
    stub.on("POST", R + "/pullrequests", (r, m) -> auth(r, () -> {
      ObjectNode p = pull(r.json().at("/source/branch/name").asText(),
          r.json().at("/destination/branch/name").asText());
      p.put("title", r.json().path("title").asText())
          .put("description", r.json().path("description").asText());
      return Reply.json(201, p);
    }));
  }

  @AfterEach
  void close() {
    stub.close();
    assertThat(stub.failures()).isEmpty();
  }

  private ObjectNode pull(String source, String destination) {
    long id = 1 + pulls.size();
    ObjectNode p = JsonNodeFactory.instance.objectNode().put("id", id).put("title", "t")
        .put("state", "OPEN").put("type", "pullrequest");
    p.putObject("links").putObject("html")
        .put("href", "https://bitbucket.org/team/wine/pull-requests/" + id);
    p.putObject("source").putObject("branch").put("name", source);
    p.putObject("destination").putObject("branch").put("name", destination);
    pulls.add(p);
    return p;
  }

  private Reply auth(Request r, Supplier<Reply> ok) {
    if (!("Bearer " + SECRET).equals(r.header("authorization"))) {
      return Reply.json(401, "{\"type\":\"error\",\"error\":{\"message\":\"Access token"
          + " expired.\"}}");
    }
    return ok.get();
  }

  private ForgeClient client(long pr) {
    return Forges.client(ForgeSettings.of(ForgeKind.BITBUCKET, "team/wine",
            Token.of(SECRET, "BITBUCKET_TOKEN")).withApiBase(stub.uri("/2.0")).withHeadSha(SHA)
        .withPullRequest(pr).withRetry(time.policy()));
  }

  @Test
  void aCheckIsABuildStatusLinkedToTheReportComment() throws Exception {
    CheckResult r = client(4).publishCheck(CheckRun.of("Cairn report", CheckConclusion.FAILURE,
        "## R"));

    assertThat(comments).singleElement().satisfies(c -> assertThat(c.at("/content/raw").asText())
        .isEqualTo("## R\n\n<!-- cairn-report id=check Cairn report -->"));
    assertThat(statuses).singleElement().satisfies(s -> {
      assertThat(s.path("key").asText()).isEqualTo("cairn-report");
      assertThat(s.path("state").asText()).isEqualTo("FAILED");
      assertThat(s.path("name").asText()).isEqualTo("Cairn report");
      assertThat(s.path("url").asText())
          .isEqualTo("https://bitbucket.org/team/wine/pull-requests/4#comment-801");
    });
    assertThat(r.id()).isEqualTo("cairn-report");
  }

  @Test
  void withNeitherReportNorDetailsTheRequiredUrlIsTheCommit() throws Exception {
    CheckResult r = client(0).publishCheck(CheckRun.of("cairn", CheckConclusion.SUCCESS, "r")
        .withPostReport(false));

    assertThat(r.url()).isEqualTo(stub.uri("") + "/team/wine/commits/" + SHA);
    assertThat(statuses.get(0).path("state").asText()).isEqualTo("SUCCESSFUL");
    assertThat(comments).isEmpty();
  }

  @Test
  void withoutTheCommitLinksAppTheReportIsACommitComment() throws Exception {
    CheckResult r = client(0).publishCheck(CheckRun.of("cairn", CheckConclusion.SUCCESS, "r"));

    assertThat(r.report().orElseThrow().target().toString()).isEqualTo("commit/" + SHA);
    assertThat(statuses.get(0).path("url").asText()).contains("/commits/" + SHA + "#comment-");
  }

  @Test
  void theOpenPullRequestIsFoundByFollowingNext() throws Exception {
    for (int i = 0; i < 70; i++) {
      pull("feature/" + i, "main");
    }
    pull("cairn/fedcba9", "main");

    PullRequestResult r = client(0).openPullRequest(PullRequestRequest.of("cairn/fedcba9", "main",
        "t", "b"));

    assertThat(r.action()).isEqualTo(PullRequestResult.Action.REUSED);
    assertThat(r.pullRequest().number()).isEqualTo(71);
    assertThat(stub.exchanges("GET")).hasSize(2);
  }

  @Test
  void opensAPullRequest() throws Exception {
    PullRequestResult r = client(0).openPullRequest(PullRequestRequest.of("cairn/fedcba9", "main",
        "Retrain", "## Report"));

    assertThat(r.action()).isEqualTo(PullRequestResult.Action.CREATED);
    assertThat(r.pullRequest().url()).isEqualTo("https://bitbucket.org/team/wine/pull-requests/1");
    assertThat(pulls.get(0).path("description").asText()).isEqualTo("## Report");
  }

  @Test
  void labelsAndAutoMergeAreRefusedBeforeAnythingIsSent() {
    ForgeUsageException labels = catchThrowableOfType(ForgeUsageException.class,
        () -> client(0).openPullRequest(PullRequestRequest.of("cairn/1", "main", "t", "b")
            .withLabels(List.of("model"))));
    ForgeUsageException merge = catchThrowableOfType(ForgeUsageException.class,
        () -> client(0).openPullRequest(PullRequestRequest.of("cairn/1", "main", "t", "b")
            .withAutoMerge(MergeMethod.SQUASH)));

    assertThat(labels.getMessage()).isEqualTo("Bitbucket pull requests have no labels: leave out"
        + " model");
    assertThat(merge.getMessage()).isEqualTo("Bitbucket Cloud's REST API has no auto-merge: leave"
        + " out --squash and merge the pull request once its checks pass");
    assertThat(client(0).autoMergeMethods()).isEmpty();
    assertThat(client(0).supportsLabels()).isFalse();
    assertThat(stub.exchanges()).isEmpty();
  }

  @Test
  void anExpiredTokenIsOneLine() {
    ForgeAuthenticationException e = catchThrowableOfType(ForgeAuthenticationException.class,
        () -> Forges.client(ForgeSettings.of(ForgeKind.BITBUCKET, "team/wine",
                Token.of("wrong", "BITBUCKET_TOKEN")).withApiBase(stub.uri("/2.0"))
            .withRetry(time.policy()))
            .openPullRequest(PullRequestRequest.of("cairn/1", "main", "t", "b")));

    assertThat(e.getMessage()).startsWith("Bitbucket rejected the token from BITBUCKET_TOKEN (HTTP"
        + " 401: Access token expired.) while trying to list the open pull requests of team/wine");
  }
}
