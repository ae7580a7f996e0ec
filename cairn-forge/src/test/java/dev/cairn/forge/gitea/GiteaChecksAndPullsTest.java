package dev.cairn.forge.gitea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CheckRun;
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
 * Commit statuses and pull requests against a stub holding every exchange to Gitea's API
 * description (https://gitea.com/api/swagger): repoCreateStatus (CreateStatusOption: {@code
 * context}, {@code description}, {@code state} pending|success|error|failure|warning, {@code
 * target_url}), repoListPullRequests, repoCreatePullRequest (CreatePullRequestOption, {@code labels}
 * as label ids), repoEditPullRequest, issueListLabels, issueAddLabel (IssueLabelsOption), and
 * repoMergePullRequest (MergePullRequestOption: {@code Do} required, one of merge, rebase,
 * rebase-merge, squash, fast-forward-only, manually-merged; {@code merge_when_checks_succeed}; 405
 * when it cannot be merged, 409 on conflicts), repoGetPullRequest; Forgejo keeps the same
 * operations (https://codeberg.org/api/swagger).
 */
class GiteaChecksAndPullsTest {
  private static final String TOKEN = "gitea-PLANTED-0123456789abcdef";
  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
  private static final String SWAGGER = "https://gitea.com/api/swagger";
  private static final String R = "/api/v1/repos/lab/wine";

  private final StubServer stub = StubServer.start();
  private final FakeTime time = new FakeTime();
  private final List<ObjectNode> statuses = new ArrayList<>();
  private final List<ObjectNode> comments = new ArrayList<>();
  private final List<ObjectNode> pulls = new ArrayList<>();
  private final List<ObjectNode> labels = new ArrayList<>();
  private final List<JsonNode> merges = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(90);

  GiteaChecksAndPullsTest() {
    Set<String> pr = Set.of("number", "html_url", "head.ref", "base.ref", "title");
    Set<String> prFields = Set.of("assignee", "assignees", "base", "body", "due_date", "head",
        "labels", "milestone", "title", "reviewers", "team_reviewers");
    stub.check(new DocumentedApi()
        .route("POST", R + "/statuses/[0-9a-f]{40}", Body.JSON,
            Set.of("context", "description", "state", "target_url"), Set.of(), Set.of(),
            Set.of("id", "status", "context"), SWAGGER + " repoCreateStatus")
        .values("state", "pending", "success", "error", "failure", "warning")
        .route("GET", R + "/pulls", Body.NONE, Set.of(), Set.of(),
            Set.of("state", "sort", "milestone", "labels", "page", "limit", "poster"), pr,
            SWAGGER + " repoListPullRequests")
        .values("state", "open", "closed", "all")
        .route("POST", R + "/pulls", Body.JSON, prFields, Set.of(), Set.of(), pr,
            SWAGGER + " repoCreatePullRequest")
        .route("PATCH", R + "/pulls/\\d+", Body.JSON,
            Set.of("allow_maintainer_edit", "assignee", "assignees", "base", "body", "due_date",
                "labels", "milestone", "state", "title", "unset_due_date"), Set.of(), Set.of(), pr,
            SWAGGER + " repoEditPullRequest")
        .route("GET", R + "/pulls/\\d+", Body.NONE, Set.of(), Set.of(), Set.of(),
            Set.of("number", "merged"), SWAGGER + " repoGetPullRequest")
        .route("GET", R + "/labels", Body.NONE, Set.of(), Set.of(), Set.of("page", "limit"),
            Set.of("id", "name"), SWAGGER + " issueListLabels")
        .route("POST", R + "/issues/\\d+/labels", Body.JSON, Set.of("labels"), Set.of(),
            Set.of(), Set.of("id", "name"), SWAGGER + " issueAddLabel")
        .route("POST", R + "/pulls/\\d+/merge", Body.JSON,
            Set.of("Do", "MergeCommitID", "MergeMessageField", "MergeTitleField",
                "delete_branch_after_merge", "force_merge", "head_commit_id",
                "merge_when_checks_succeed"), Set.of("Do"), Set.of(), Set.of(),
            SWAGGER + " repoMergePullRequest")
        .values("Do", "merge", "rebase", "rebase-merge", "squash", "fast-forward-only",
            "manually-merged")
        .route("GET", R + "/issues/\\d+/comments", Body.NONE, Set.of(), Set.of(),
            Set.of("since", "before"), Set.of("id", "body", "user.login", "html_url"),
            SWAGGER + " issueGetComments")
        .route("POST", R + "/issues/\\d+/comments", Body.JSON, Set.of("body"), Set.of("body"),
            Set.of(), Set.of("id", "body", "user.login", "html_url"),
            SWAGGER + " issueCreateComment")::verify);
    stub.on("POST", R + "/statuses/([0-9a-f]{40})", (r, m) -> auth(r, () -> {
      ObjectNode s = JsonNodeFactory.instance.objectNode().put("id", ids.incrementAndGet())
          .put("status", r.json().path("state").asText())
          .put("context", r.json().path("context").asText())
          .put("description", r.json().path("description").asText())
          .put("target_url", r.json().path("target_url").asText(""));
      statuses.add(s);
      return Reply.json(201, s);
    }));
    stub.on("GET", R + "/issues/(\\d+)/comments", (r, m) -> auth(r, () -> Reply.json(200, "[]")));
    stub.on("POST", R + "/issues/(\\d+)/comments", (r, m) -> auth(r, () -> {
      long id = ids.incrementAndGet();
      ObjectNode c = JsonNodeFactory.instance.objectNode().put("id", id)
          .put("body", r.json().path("body").asText())
          .put("html_url", "https://gitea.example.com/lab/wine/pulls/" + m.group(1)
              + "#issuecomment-" + id);
      c.putObject("user").put("login", "cairn-bot");
      comments.add(c);
      return Reply.json(201, c);
    }));
    stub.on("GET", R + "/pulls", (r, m) -> auth(r, () -> slice(r, pulls)));
    stub.on("GET", R + "/labels", (r, m) -> auth(r, () -> slice(r, labels)));
    stub.on("POST", R + "/pulls", (r, m) -> auth(r, () -> {
      ObjectNode p = pull(r.json().path("head").asText(), r.json().path("base").asText());
      p.put("title", r.json().path("title").asText()).put("body", r.json().path("body").asText());
      p.set("labels", labelsOf(r.json().path("labels")));
      return Reply.json(201, p);
    }));
    stub.on("PATCH", R + "/pulls/(\\d+)", (r, m) -> auth(r, () -> {
      ObjectNode p = find(Long.parseLong(m.group(1)));
      p.put("title", r.json().path("title").asText()).put("body", r.json().path("body").asText());
      return Reply.json(201, p);
    }));
    stub.on("GET", R + "/pulls/(\\d+)", (r, m) -> auth(r, () ->
        Reply.json(200, find(Long.parseLong(m.group(1))))));
    stub.on("POST", R + "/issues/(\\d+)/labels", (r, m) -> auth(r, () -> {
      ObjectNode p = find(Long.parseLong(m.group(1)));
      labelsOf(r.json().path("labels")).forEach(((ArrayNode) p.get("labels"))::add);
      return Reply.json(200, p.get("labels"));
    }));
    stub.on("POST", R + "/pulls/(\\d+)/merge", (r, m) -> auth(r, () -> {
      merges.add(r.json());
      return Reply.empty(200);
    }));
  }

  @AfterEach
  void close() {
    stub.close();
    assertThat(stub.failures()).isEmpty();
  }

  private Reply slice(Request r, List<ObjectNode> all) {
    int page = Integer.parseInt(r.param("page"));
    int limit = Integer.parseInt(r.param("limit"));
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (int i = (page - 1) * limit; i < Math.min(all.size(), page * limit); i++) {
      a.add(all.get(i));
    }
    return Reply.json(200, a);
  }

  private ArrayNode labelsOf(JsonNode ids) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode id : ids) {
      labels.stream().filter(l -> l.path("id").asLong() == id.asLong()).forEach(out::add);
    }
    return out;
  }

  private ObjectNode pull(String head, String base) {
    long n = 100 + pulls.size();
    ObjectNode p = JsonNodeFactory.instance.objectNode().put("number", n).put("id", n)
        .put("html_url", "https://gitea.example.com/lab/wine/pulls/" + n).put("title", "t")
        .put("state", "open").put("merged", false);
    p.putObject("head").put("ref", head).put("sha", SHA);
    p.putObject("base").put("ref", base);
    p.putArray("labels");
    pulls.add(p);
    return p;
  }

  private ObjectNode find(long n) {
    return pulls.stream().filter(p -> p.path("number").asLong() == n).findFirst().orElseThrow();
  }

  private void label(String name) {
    labels.add(JsonNodeFactory.instance.objectNode().put("id", 500 + labels.size())
        .put("name", name).put("color", "00aabb"));
  }

  private Reply auth(Request r, Supplier<Reply> ok) {
    if (!("token " + TOKEN).equals(r.header("authorization"))) {
      return Reply.json(401, "{\"message\":\"user does not exist\",\"url\":\"" + SWAGGER + "\"}");
    }
    return ok.get();
  }

  private ForgeClient client(long pr) {
    return Forges.client(ForgeSettings.of(ForgeKind.GITEA, "lab/wine",
            Token.of(TOKEN, "GITEA_TOKEN")).withApiBase(stub.uri("/api/v1")).withHeadSha(SHA)
        .withPullRequest(pr).withRetry(time.policy()));
  }

  @Test
  void aCheckIsACommitStatusWithTheReportOnThePullRequest() throws Exception {
    CheckResult r = client(4).publishCheck(CheckRun.of("cairn", CheckConclusion.FAILURE, "## R")
        .withTitle("gates failed"));

    assertThat(comments).singleElement().satisfies(c -> assertThat(c.path("body").asText())
        .isEqualTo("## R\n\n<!-- cairn-report id=check cairn -->"));
    assertThat(statuses).singleElement().satisfies(s -> {
      assertThat(s.path("status").asText()).isEqualTo("failure");
      assertThat(s.path("context").asText()).isEqualTo("cairn");
      assertThat(s.path("description").asText()).isEqualTo("gates failed");
      assertThat(s.path("target_url").asText()).isEqualTo(comments.get(0).path("html_url").asText());
    });
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void withoutAPullRequestTheStatusIsSetAndAWarningSaysTheReportWasNotPosted() throws Exception {
    CheckResult r = client(0).publishCheck(CheckRun.of("cairn", CheckConclusion.NEUTRAL, "r"));

    assertThat(r.report()).isEmpty();
    assertThat(r.warnings()).singleElement().asString()
        .startsWith("The report of check 'cairn' was not posted: Gitea has no commit comments");
    assertThat(statuses).singleElement().satisfies(s -> {
      assertThat(s.path("status").asText()).isEqualTo("success");
      assertThat(s.path("description").asText()).isEqualTo("Neutral: cairn: neutral");
      assertThat(s.path("target_url").asText()).isEmpty();
    });
  }

  @Test
  void labelsAreLookedUpByNameOverEveryPageAndSentAsIds() throws Exception {
    for (int i = 0; i < 53; i++) {
      label("l" + i);
    }

    PullRequestResult r = client(0).openPullRequest(PullRequestRequest.of("cairn/89abcde", "main",
        "Retrain", "report").withLabels(List.of("l2", "l52")));

    assertThat(r.action()).isEqualTo(PullRequestResult.Action.CREATED);
    assertThat(r.pullRequest().url()).isEqualTo("https://gitea.example.com/lab/wine/pulls/100");
    assertThat(stub.exchanges("POST").get(0).request().json().path("labels"))
        .extracting(JsonNode::asLong).containsExactly(502L, 552L);
  }

  @Test
  void aMissingLabelIsRefusedBeforeAnythingIsWritten() {
    label("model");

    ForgeUsageException e = catchThrowableOfType(ForgeUsageException.class,
        () -> client(0).openPullRequest(PullRequestRequest.of("cairn/x", "main", "t", "b")
            .withLabels(List.of("model", "nightly"))));

    assertThat(e.getMessage()).isEqualTo("Gitea sets only existing labels, and lab/wine has no"
        + " label nightly: create it in the repository's labels first, or leave it out");
    assertThat(stub.exchanges("POST")).isEmpty();
  }

  @Test
  void theOpenPullRequestIsFoundOnALaterPageAndReused() throws Exception {
    for (int i = 0; i < 60; i++) {
      pull("feature/" + i, "main");
    }
    pull("cairn/89abcde", "main");
    label("model");

    PullRequestResult r = client(0).openPullRequest(PullRequestRequest.of("cairn/89abcde", "main",
        "t", "b").withLabels(List.of("model")));

    assertThat(r.action()).isEqualTo(PullRequestResult.Action.REUSED);
    assertThat(r.pullRequest().number()).isEqualTo(160);
    assertThat(stub.exchanges("GET")).filteredOn(x -> x.request().path().endsWith("/pulls"))
        .extracting(x -> x.request().query())
        .containsExactly("state=open&page=1&limit=50", "state=open&page=2&limit=50");
    assertThat(find(160).path("labels")).extracting(l -> l.path("name").asText())
        .containsExactly("model");
  }

  @Test
  void autoMergeIsAMergeWhenChecksSucceed() throws Exception {
    AutoMergeResult m = client(0).openPullRequest(PullRequestRequest.of("cairn/1", "main", "t",
        "b").withAutoMerge(MergeMethod.SQUASH)).autoMerge().orElseThrow();

    assertThat(m.state()).isEqualTo(AutoMergeResult.State.ENABLED);
    assertThat(merges).singleElement().satisfies(b -> {
      assertThat(b.path("Do").asText()).isEqualTo("squash");
      assertThat(b.path("merge_when_checks_succeed").asBoolean()).isTrue();
    });
  }

  @Test
  void aPullRequestThatCannotBeMergedIsOneLine() {
    pull("cairn/1", "main");
    stub.on("POST", R + "/pulls/(\\d+)/merge", (r, m) ->
        Reply.json(405, "{\"message\":\"PR is a work in progress\",\"url\":\"" + SWAGGER + "\"}"));

    ForgeUsageException e = catchThrowableOfType(ForgeUsageException.class,
        () -> client(0).enableAutoMerge(100, MergeMethod.MERGE));

    assertThat(e.getMessage()).isEqualTo("Gitea refused to schedule the merge (merge) of pull"
        + " request #100 in lab/wine (HTTP 405: PR is a work in progress): it cannot be merged"
        + " now (closed, work in progress, or the merge style is not allowed); check the pull"
        + " request");
  }
}
