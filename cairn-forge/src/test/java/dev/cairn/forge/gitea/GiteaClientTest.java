package dev.cairn.forge.gitea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.CommentResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeNotFoundException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.Forges;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
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
 * Gitea/Forgejo REST v1 against a stub holding every exchange to the shapes of Gitea's API
 * description (https://gitea.com/api/swagger, operations issueGetComments, issueCreateComment,
 * issueEditComment, repoListPullRequests, issueCreateIssueAttachment, userGetCurrent; Forgejo
 * keeps the same operations: https://codeberg.org/api/swagger).
 */
class GiteaClientTest {
  private static final String TOKEN = "gitea-PLANTED-0123456789abcdef";
  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
  private static final String SWAGGER = "https://gitea.com/api/swagger";
  private static final String R = "/api/v1/repos/lab/wine";

  private final StubServer stub = StubServer.start();
  private final FakeTime time = new FakeTime();
  private final List<ObjectNode> comments = new ArrayList<>();
  private final List<ObjectNode> openPulls = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(70);
  private volatile boolean actionsToken;

  GiteaClientTest() {
    Set<String> comment = Set.of("id", "body", "user.login", "html_url");
    stub.check(new DocumentedApi()
        .route("GET", R + "/issues/\\d+/comments", Body.NONE, Set.of(), Set.of(),
            Set.of("since", "before"), comment, SWAGGER + " issueGetComments")
        .route("POST", R + "/issues/\\d+/comments", Body.JSON, Set.of("body"), Set.of("body"),
            Set.of(), comment, SWAGGER + " issueCreateComment")
        .route("PATCH", R + "/issues/comments/\\d+", Body.JSON, Set.of("body"), Set.of("body"),
            Set.of(), comment, SWAGGER + " issueEditComment")
        .route("GET", R + "/pulls", Body.NONE, Set.of(), Set.of(),
            Set.of("state", "sort", "milestone", "labels", "page", "limit"),
            Set.of("number", "head.sha"), SWAGGER + " repoListPullRequests")
        .route("POST", R + "/issues/\\d+/assets", Body.MULTIPART, Set.of("attachment"),
            Set.of("attachment"), Set.of("name", "updated_at"),
            Set.of("browser_download_url", "uuid"), SWAGGER + " issueCreateIssueAttachment")
        .route("GET", "/api/v1/user", Body.NONE, Set.of(), Set.of(), Set.of(), Set.of("login"),
            SWAGGER + " userGetCurrent")::verify);
    stub.on("GET", "/api/v1/user", (r, m) -> auth(r, () -> actionsToken
        ? Reply.json(403, "{\"message\":\"token does not have at least one of required scope(s):"
            + " [read:user]\",\"url\":\"" + SWAGGER + "\"}")
        : Reply.json(200, "{\"id\":3,\"login\":\"cairn-bot\",\"full_name\":\"\"}")));
    stub.on("GET", R + "/issues/(\\d+)/comments", (r, m) -> auth(r, () -> {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      comments.stream().filter(c -> c.path("issue").asText().equals(m.group(1)))
          .forEach(c -> a.add(c.deepCopy().without("issue")));
      return Reply.json(200, a);
    }));
    stub.on("POST", R + "/issues/(\\d+)/comments", (r, m) -> auth(r, () -> Reply.json(201,
        add(Long.parseLong(m.group(1)), actionsToken ? "gitea-actions" : "cairn-bot",
            r.json().path("body").asText()).deepCopy().without("issue"))));
    stub.on("PATCH", R + "/issues/comments/(\\d+)", (r, m) -> auth(r, () -> {
      for (ObjectNode c : comments) {
        if (c.path("id").asText().equals(m.group(1))) {
          c.put("body", r.json().path("body").asText());
          return Reply.json(200, c.deepCopy().without("issue"));
        }
      }
      return Reply.json(404, "{\"message\":\"comment not found\"}");
    }));
    stub.on("GET", R + "/pulls", (r, m) -> auth(r, () -> {
      int page = Integer.parseInt(r.param("page"));
      int limit = Integer.parseInt(r.param("limit"));
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      for (int i = (page - 1) * limit; i < Math.min(openPulls.size(), page * limit); i++) {
        a.add(openPulls.get(i));
      }
      return Reply.json(200, a);
    }));
    stub.on("POST", R + "/issues/(\\d+)/assets", (r, m) -> auth(r, () -> Reply.json(201,
        "{\"id\":1,\"name\":\"plot.png\",\"size\":4,\"download_count\":0,"
            + "\"uuid\":\"6c0f0b2e-8f3a-4c7e-9b1a-0d3c2e1f4a5b\",\"browser_download_url\":"
            + "\"https://gitea.example.com/attachments/6c0f0b2e-8f3a-4c7e-9b1a-0d3c2e1f4a5b\"}")));
  }

  @AfterEach
  void close() {
    stub.close();
    assertThat(stub.failures()).isEmpty();
  }

  private ForgeSettings settings() {
    return ForgeSettings.of(ForgeKind.GITEA, "lab/wine", Token.of(TOKEN, "GITEA_TOKEN"))
        .withApiBase(stub.uri("/api/v1")).withHeadSha(SHA).withRetry(time.policy());
  }

  private ForgeClient client() {
    return Forges.client(settings().withPullRequest(8));
  }

  private ObjectNode add(long issue, String user, String body) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    long id = ids.incrementAndGet();
    c.put("id", id).put("body", body).put("issue", issue)
        .put("html_url", "https://gitea.example.com/lab/wine/pulls/" + issue + "#issuecomment-" + id)
        .put("created_at", "2026-11-28T12:00:00Z");
    c.putObject("user").put("id", 3).put("login", user);
    synchronized (comments) {
      comments.add(c);
    }
    return c;
  }

  private List<String> bodies() {
    List<String> out = new ArrayList<>();
    comments.forEach(c -> out.add(c.path("body").asText()));
    return out;
  }

  private Reply auth(Request r, Supplier<Reply> ok) {
    if (!("token " + TOKEN).equals(r.header("authorization"))) {
      return Reply.json(401, "{\"message\":\"user does not exist\",\"url\":\"" + SWAGGER + "\"}");
    }
    return ok.get();
  }

  @Test
  void createsAPullRequestComment() throws Exception {
    CommentResult r = client().createComment(CommentTarget.auto(), "report");

    assertThat(r.url()).contains("/pulls/8#issuecomment-");
    assertThat(bodies()).containsExactly("report\n\n<!-- cairn-report -->");
  }

  @Test
  void updatesOwnCommentLeavesOthersAlone() throws Exception {
    add(8, "mallory", "x <!-- cairn-report -->");
    add(8, "cairn-bot", "old\n\n<!-- cairn-report -->");
    add(8, "mallory", "y <!-- cairn-report -->");

    CommentResult r = client().updateComment(CommentTarget.auto(), "new");

    assertThat(r.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(bodies()).containsExactly("x <!-- cairn-report -->", "new\n\n<!-- cairn-report -->",
        "y <!-- cairn-report -->");
  }

  @Test
  void cmlCommentIsTakenOver() throws Exception {
    add(8, "cairn-bot", "![](https://cml.dev/watermark.png#ab12 \"CML watermark\")");

    client().updateComment(CommentTarget.auto(), "new");

    assertThat(bodies()).containsExactly("new\n\n<!-- cairn-report -->");
  }

  @Test
  void actionsJobTokenCommentsAsTheActionsBot() throws Exception {
    actionsToken = true;
    add(8, "gitea-actions", "old\n\n<!-- cairn-report -->");

    assertThat(client().updateComment(CommentTarget.auto(), "new").action())
        .isEqualTo(CommentResult.Action.UPDATED);
  }

  @Test
  void autoPagesThroughOpenPullRequestsForTheHeadSha() throws Exception {
    for (int i = 1; i <= 60; i++) {
      ObjectNode pr = JsonNodeFactory.instance.objectNode().put("number", i).put("state", "open");
      pr.putObject("head").put("sha", i == 57 ? SHA : String.format("%040d", i)).put("ref", "b" + i);
      openPulls.add(pr);
    }

    CommentResult r = Forges.client(settings()).createComment(CommentTarget.auto(), "x");

    assertThat(r.target()).isEqualTo(CommentTarget.pr(57));
    assertThat(stub.exchanges("GET").stream().filter(x -> x.request().path().endsWith("/pulls")))
        .hasSize(2);
  }

  @Test
  void withoutPullRequestThereIsNoCommitCommentToFallBackTo() {
    ForgeClient c = Forges.client(settings());

    assertThatThrownBy(() -> c.createComment(CommentTarget.auto(), "x"))
        .isInstanceOf(ForgeUsageException.class)
        .hasMessageStartingWith("Gitea has no commit comments, and no open pull request of"
            + " lab/wine was found for target 'auto'");
  }

  @Test
  void attachesImagesToThePullRequest() throws Exception {
    ImageLink link = client().uploadImage(CommentTarget.auto(),
        new ImageAsset("plot.png", "image/png", new byte[] {1, 2, 3, 4}));

    assertThat(link.url()).isEqualTo(
        "https://gitea.example.com/attachments/6c0f0b2e-8f3a-4c7e-9b1a-0d3c2e1f4a5b");
    assertThat(stub.exchanges("POST").get(0).request().path()).isEqualTo(R + "/issues/8/assets");
    assertThat(stub.exchanges("POST").get(0).request().text())
        .contains("name=\"attachment\"; filename=\"plot.png\"");
  }

  @Test
  void missingRepositoryIsNotFound() {
    stub.on("POST", R + "/issues/8/comments", (r, m) -> Reply.json(404,
        "{\"errors\":null,\"message\":\"The target couldn't be found.\",\"url\":\"" + SWAGGER + "\"}"));

    ForgeNotFoundException e = catchThrowableOfType(ForgeNotFoundException.class,
        () -> client().createComment(CommentTarget.auto(), "x"));

    assertThat(e.getMessage()).startsWith("Gitea found nothing at " + R + "/issues/8/comments (HTTP"
        + " 404: The target couldn't be found.) while trying to comment on pull request #8 in"
        + " lab/wine");
  }
}
