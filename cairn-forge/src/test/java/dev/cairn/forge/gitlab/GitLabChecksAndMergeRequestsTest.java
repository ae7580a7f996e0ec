package dev.cairn.forge.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckAnnotation;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CheckRun;
import dev.cairn.forge.CommentResult;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Commit statuses and merge requests against a stub holding every exchange to GitLab's documented
 * shapes:
 * <ul>
 *   <li>Commit status: https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit
 *       ({@code POST /projects/:id/statuses/:sha}: {@code state} one of pending, running, success,
 *       failed, canceled, skipped; {@code ref}, {@code name}, {@code context}, {@code target_url},
 *       {@code description}, {@code coverage}, {@code pipeline_id}; answers {@code id}, {@code
 *       status});
 *   <li>Merge requests: https://docs.gitlab.com/api/merge_requests/ (list with {@code state},
 *       {@code source_branch}, {@code target_branch}, {@code per_page}, {@code page}; create with
 *       {@code source_branch}, {@code target_branch}, {@code title} required, {@code description},
 *       {@code labels}; update with {@code title}, {@code description}, {@code add_labels}; merge
 *       with {@code merge_when_pipeline_succeeds}, {@code squash}, {@code sha}, {@code auto_merge}:
 *       405 when it cannot be merged, 406 on conflicts, 409 when {@code sha} does not match);
 *   <li>Notes: https://docs.gitlab.com/api/notes/.
 * </ul>
 */
class GitLabChecksAndMergeRequestsTest {
  private static final String TOKEN = "glpat-PLANTEDsecretVALUE0123";
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String P = "/api/v4/projects/data%2Fwine";
  private static final String MR_DOC = "https://docs.gitlab.com/api/merge_requests/";

  private final StubServer stub = StubServer.start();
  private final FakeTime time = new FakeTime();
  private final List<ObjectNode> statuses = new ArrayList<>();
  private final List<ObjectNode> notes = new ArrayList<>();
  private final List<ObjectNode> commitComments = new ArrayList<>();
  private final List<ObjectNode> mrs = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(700);
  private volatile String lastState = "";

  GitLabChecksAndMergeRequestsTest() {
    Set<String> mr = Set.of("iid", "web_url", "source_branch", "target_branch", "title", "state");
    stub.check(new DocumentedApi()
        .route("POST", P + "/statuses/[0-9a-f]{40}", Body.JSON,
            Set.of("state", "ref", "name", "context", "target_url", "description", "coverage",
                "pipeline_id"), Set.of("state"), Set.of(), Set.of("id", "status"),
            "https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit")
        .values("state", "pending", "running", "success", "failed", "canceled", "skipped")
        .route("GET", P + "/merge_requests", Body.NONE, Set.of(), Set.of(),
            Set.of("state", "source_branch", "target_branch", "per_page", "page", "order_by",
                "sort", "labels"), mr, MR_DOC)
        .values("state", "opened", "closed", "locked", "merged", "all")
        .route("POST", P + "/merge_requests", Body.JSON,
            Set.of("source_branch", "target_branch", "title", "description", "labels",
                "assignee_id", "remove_source_branch", "squash", "allow_collaboration"),
            Set.of("source_branch", "target_branch", "title"), Set.of(), mr, MR_DOC)
        .route("PUT", P + "/merge_requests/\\d+", Body.JSON,
            Set.of("title", "description", "add_labels", "labels", "remove_labels",
                "target_branch", "state_event", "squash"), Set.of(), Set.of(), mr, MR_DOC)
        .route("PUT", P + "/merge_requests/\\d+/merge", Body.JSON,
            Set.of("merge_when_pipeline_succeeds", "auto_merge", "squash", "sha",
                "should_remove_source_branch", "merge_commit_message", "squash_commit_message"),
            Set.of(), Set.of(), Set.of("iid", "state"), MR_DOC)
        .route("GET", P + "/merge_requests/\\d+/notes", Body.NONE, Set.of(), Set.of(),
            Set.of("sort", "order_by", "per_page", "page"), Set.of("id", "body", "author.username"),
            "https://docs.gitlab.com/api/notes/")
        .route("POST", P + "/merge_requests/\\d+/notes", Body.JSON, Set.of("body"),
            Set.of("body"), Set.of(), Set.of("id", "body"), "https://docs.gitlab.com/api/notes/")
        .route("PUT", P + "/merge_requests/\\d+/notes/\\d+", Body.JSON, Set.of("body"),
            Set.of("body"), Set.of(), Set.of("id", "body"), "https://docs.gitlab.com/api/notes/")
        .route("GET", P + "/repository/commits/[0-9a-f]+/merge_requests", Body.NONE, Set.of(),
            Set.of(), Set.of(), Set.of("iid", "state"), "https://docs.gitlab.com/api/commits/")
        .route("POST", P + "/repository/commits/[0-9a-f]+/comments", Body.JSON,
            Set.of("note", "path", "line", "line_type"), Set.of("note"), Set.of(),
            Set.of("note", "author.username"), "https://docs.gitlab.com/api/commits/")
        .route("GET", "/api/v4/user", Body.NONE, Set.of(), Set.of(), Set.of(),
            Set.of("username"), "https://docs.gitlab.com/api/users/")::verify);
    stub.on("POST", P + "/statuses/([0-9a-f]{40})", (r, m) -> auth(r, () -> {
      String state = r.json().path("state").asText();
      if (state.equals(lastState)) {
        return Reply.json(400, "{\"message\":\"Cannot transition status via :" + state
            + " from :" + state + " (Reason(s): Status cannot transition via \\\"" + state
            + "\\\")\"}");
      }
      lastState = state;
      ObjectNode s = JsonNodeFactory.instance.objectNode().put("id", ids.incrementAndGet())
          .put("sha", m.group(1)).put("status", state).put("name", r.json().path("name").asText())
          .put("description", r.json().path("description").asText())
          .put("target_url", r.json().path("target_url").asText(null));
      statuses.add(s);
      return Reply.json(201, s);
    }));
    stub.on("GET", "/api/v4/user", (r, m) -> auth(r, () ->
        Reply.json(200, "{\"id\":9,\"username\":\"project_10_bot\"}")));
    stub.on("GET", P + "/merge_requests/(\\d+)/notes", (r, m) -> auth(r, () -> {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      notes.stream().filter(n -> n.path("mr").asText().equals(m.group(1)))
          .forEach(n -> a.add(n.deepCopy().without("mr")));
      return Reply.json(200, a);
    }));
    stub.on("POST", P + "/merge_requests/(\\d+)/notes", (r, m) -> auth(r, () -> {
      ObjectNode n = JsonNodeFactory.instance.objectNode().put("id", ids.incrementAndGet())
          .put("body", r.json().path("body").asText()).put("system", false)
          .put("mr", m.group(1));
      n.putObject("author").put("username", "project_10_bot");
      notes.add(n);
      return Reply.json(201, n.deepCopy().without("mr"));
    }));
    stub.on("PUT", P + "/merge_requests/(\\d+)/notes/(\\d+)", (r, m) -> auth(r, () -> {
      for (ObjectNode n : notes) {
        if (n.path("id").asText().equals(m.group(2))) {
          n.put("body", r.json().path("body").asText());
          return Reply.json(200, n.deepCopy().without("mr"));
        }
      }
      return Reply.json(404, "{\"message\":\"404 Not found\"}");
    }));
    stub.on("GET", P + "/repository/commits/([0-9a-f]+)/merge_requests", (r, m) -> auth(r, () ->
        Reply.json(200, "[]")));
    stub.on("POST", P + "/repository/commits/([0-9a-f]+)/comments", (r, m) -> auth(r, () -> {
      ObjectNode c = JsonNodeFactory.instance.objectNode()
          .put("note", r.json().path("note").asText());
      c.putObject("author").put("username", "project_10_bot");
      commitComments.add(c);
      return Reply.json(201, c);
    }));
    stub.on("GET", P + "/merge_requests", (r, m) -> auth(r, () -> {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      for (ObjectNode x : mrs) {
        if (x.path("state").asText().equals(r.param("state"))
            && x.path("source_branch").asText().equals(decode(r.param("source_branch")))
            && x.path("target_branch").asText().equals(decode(r.param("target_branch")))) {
          a.add(x);
        }
      }
      return Reply.json(200, a).with("X-Next-Page", "");
    }));
    stub.on("POST", P + "/merge_requests", (r, m) -> auth(r, () -> {
      ObjectNode x = mr(r.json().path("source_branch").asText(),
          r.json().path("target_branch").asText());
      x.put("title", r.json().path("title").asText())
          .put("description", r.json().path("description").asText());
      String labels = r.json().path("labels").asText("");
      ArrayNode l = x.putArray("labels");
      if (!labels.isEmpty()) {
        for (String s : labels.split(",")) {
          l.add(s);
        }
      }
      return Reply.json(201, x);
    }));
    stub.on("PUT", P + "/merge_requests/(\\d+)", (r, m) -> auth(r, () -> {
      ObjectNode x = find(Long.parseLong(m.group(1)));
      if (r.json().has("title")) {
        x.put("title", r.json().path("title").asText());
      }
      if (r.json().has("description")) {
        x.put("description", r.json().path("description").asText());
      }
      for (String s : r.json().path("add_labels").asText("").split(",")) {
        if (!s.isEmpty()) {
          ((ArrayNode) x.get("labels")).add(s);
        }
      }
      return Reply.json(200, x);
    }));
    stub.on("PUT", P + "/merge_requests/(\\d+)/merge", (r, m) -> auth(r, () -> {
      ObjectNode x = find(Long.parseLong(m.group(1)));
      x.put("merge_when_pipeline_succeeds", r.json().path("merge_when_pipeline_succeeds")
          .asBoolean());
      x.put("squash", r.json().path("squash").asBoolean());
      return Reply.json(200, x);
    }));
  }

  @AfterEach
  void close() {
    stub.close();
    assertThat(stub.failures()).isEmpty();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private ObjectNode mr(String source, String target) {
    ObjectNode x = JsonNodeFactory.instance.objectNode();
    long iid = 20 + mrs.size();
    x.put("id", ids.incrementAndGet()).put("iid", iid)
        .put("web_url", "https://gitlab.example.com/data/wine/-/merge_requests/" + iid)
        .put("source_branch", source).put("target_branch", target).put("title", "t")
        .put("state", "opened").putArray("labels");
    mrs.add(x);
    return x;
  }

  private ObjectNode find(long iid) {
    return mrs.stream().filter(x -> x.path("iid").asLong() == iid).findFirst().orElseThrow();
  }

  private Reply auth(Request r, Supplier<Reply> ok) {
    if (!TOKEN.equals(r.header("private-token"))) {
      return Reply.json(401, "{\"message\":\"401 Unauthorized\"}");
    }
    return ok.get();
  }

  private ForgeClient client(long mr) {
    return Forges.client(ForgeSettings.of(ForgeKind.GITLAB, "data/wine",
            Token.of(TOKEN, "GITLAB_TOKEN"))
        .withApiBase(stub.uri("/api/v4")).withHeadSha(SHA).withPullRequest(mr)
        .withRetry(time.policy()));
  }

  @Test
  void aCheckIsACommitStatusLinkedToTheReportNote() throws Exception {
    CheckResult r = client(5).publishCheck(CheckRun.of("cairn/report", CheckConclusion.FAILURE,
        "## Gates").withTitle("1 of 2 gates failed")
        .withAnnotations(List.of(CheckAnnotation.failure("cairn.yaml", "accuracy", "0.5 < 0.6"))));

    assertThat(r.kind()).isEqualTo(CheckResult.Kind.COMMIT_STATUS);
    CommentResult note = r.report().orElseThrow();
    assertThat(note.url()).endsWith("/-/merge_requests/5#note_" + note.id());
    assertThat(notes).singleElement().satisfies(n -> assertThat(n.path("body").asText())
        .isEqualTo("## Gates\n\n#### 1 of 2 gates failed\n\n- ❌ **accuracy** (cairn.yaml:1):"
            + " 0.5 < 0.6\n\n<!-- cairn-report id=check cairn/report -->"));
    assertThat(statuses).singleElement().satisfies(s -> {
      assertThat(s.path("status").asText()).isEqualTo("failed");
      assertThat(s.path("name").asText()).isEqualTo("cairn/report");
      assertThat(s.path("description").asText()).isEqualTo("1 of 2 gates failed");
      assertThat(s.path("target_url").asText()).isEqualTo(note.url());
    });
    assertThat(r.url()).isEqualTo(note.url());
  }

  @Test
  void neutralIsSuccessSaidSoAndARerunInTheSameStateIsNoError() throws Exception {
    CheckRun run = CheckRun.of("cairn", CheckConclusion.NEUTRAL, "r")
        .withDetailsUrl("https://gitlab.example.com/data/wine/-/pipelines/9");
    client(5).publishCheck(run);
    CheckResult again = client(5).publishCheck(run.withPostReport(false));

    assertThat(statuses).singleElement().satisfies(s -> {
      assertThat(s.path("status").asText()).isEqualTo("success");
      assertThat(s.path("description").asText()).isEqualTo("Neutral: cairn: neutral");
      assertThat(s.path("target_url").asText())
          .isEqualTo("https://gitlab.example.com/data/wine/-/pipelines/9");
    });
    assertThat(again.updated()).isTrue();
    assertThat(again.report()).isEmpty();
  }

  @Test
  void aRerunEditsTheReportNoteInPlace() throws Exception {
    client(5).publishCheck(CheckRun.of("cairn", CheckConclusion.FAILURE, "v1"));
    CheckResult r = client(5).publishCheck(CheckRun.of("cairn", CheckConclusion.SUCCESS, "v2"));

    assertThat(r.report().orElseThrow().action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(notes).singleElement().satisfies(n ->
        assertThat(n.path("body").asText()).startsWith("v2"));
    assertThat(statuses).extracting(s -> s.path("status").asText())
        .containsExactly("failed", "success");
  }

  @Test
  void withoutAMergeRequestTheReportIsACommitComment() throws Exception {
    CheckResult r = client(0).publishCheck(CheckRun.of("cairn", CheckConclusion.SUCCESS, "r"));

    assertThat(r.report().orElseThrow().target().toString()).isEqualTo("commit/" + SHA);
    assertThat(commitComments).hasSize(1);
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void opensAMergeRequestWithLabelsThenReusesIt() throws Exception {
    PullRequestRequest req = PullRequestRequest.of("cairn/0123456", "main", "Retrain", "report")
        .withLabels(List.of("model"));

    PullRequestResult first = client(0).openPullRequest(req);
    PullRequestResult second = client(0).openPullRequest(req.withLabels(List.of("nightly")));

    assertThat(first.action()).isEqualTo(PullRequestResult.Action.CREATED);
    assertThat(first.pullRequest().url())
        .isEqualTo("https://gitlab.example.com/data/wine/-/merge_requests/20");
    assertThat(second.action()).isEqualTo(PullRequestResult.Action.REUSED);
    assertThat(second.pullRequest().number()).isEqualTo(20);
    assertThat(mrs).singleElement().satisfies(x -> assertThat(x.path("labels"))
        .extracting(l -> l.asText()).containsExactly("model", "nightly"));
  }

  @Test
  void autoMergeIsMergeWhenThePipelineSucceeds() throws Exception {
    AutoMergeResult m = client(0).openPullRequest(PullRequestRequest.of("cairn/1", "main", "t",
        "b").withAutoMerge(MergeMethod.SQUASH)).autoMerge().orElseThrow();

    assertThat(m.state()).isEqualTo(AutoMergeResult.State.ENABLED);
    assertThat(m.detail()).isEqualTo("GitLab: merge when the pipeline succeeds, squashed");
    assertThat(mrs.get(0).path("merge_when_pipeline_succeeds").asBoolean()).isTrue();
    assertThat(mrs.get(0).path("squash").asBoolean()).isTrue();
  }

  @Test
  void rebaseIsRefusedBeforeAnythingIsWritten() {
    ForgeUsageException e = catchThrowableOfType(ForgeUsageException.class,
        () -> client(0).openPullRequest(PullRequestRequest.of("cairn/1", "main", "t", "b")
            .withAutoMerge(MergeMethod.REBASE)));

    assertThat(e.getMessage()).startsWith("GitLab cannot choose rebase for one merge request");
    assertThat(stub.exchanges()).isEmpty();
  }

  @Test
  void aMergeRequestGitLabCannotMergeIsOneLineWithItsWords() {
    mr("cairn/1", "main");
    stub.on("PUT", P + "/merge_requests/(\\d+)/merge", (r, m) ->
        Reply.json(405, "{\"message\":\"405 Method Not Allowed\"}"));

    ForgeUsageException e = catchThrowableOfType(ForgeUsageException.class,
        () -> client(0).enableAutoMerge(20, MergeMethod.MERGE));

    assertThat(e.getMessage()).isEqualTo("GitLab refused to set merge request !20 in data/wine to"
        + " merge when the pipeline succeeds (HTTP 405: 405 Method Not Allowed): GitLab cannot"
        + " merge it now; check the merge request's state");
  }
}
