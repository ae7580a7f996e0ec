package dev.cairn.forge.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.CommentResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeAuthenticationException;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bitbucket Cloud REST 2.0 against a stub holding every exchange to the documented shapes:
 * <ul>
 *   <li>Pull request comments:
 *       https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/ (list, create
 *       and update {@code /pullrequests/{id}/comments}; body {@code content.raw});
 *   <li>Commit comments and a commit's pull requests:
 *       https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commits/ and
 *       .../api-group-pullrequests/ ({@code /commit/{commit}/pullrequests});
 *   <li>Downloads: https://developer.atlassian.com/cloud/bitbucket/rest/api-group-downloads/
 *       (multipart field {@code files});
 *   <li>Users: https://developer.atlassian.com/cloud/bitbucket/rest/api-group-users/;
 *   <li>Pagination: https://developer.atlassian.com/cloud/bitbucket/rest/intro/#pagination
 *       ({@code values}, {@code next}, {@code pagelen}).
 * </ul>
 */
class BitbucketClientTest {
  private static final String SECRET = "ATCTT3xFfGN0PLANTEDaccessTOKEN";
  private static final String SHA = "fedcba9876543210fedcba9876543210fedcba98";
  private static final String PR_DOC =
      "https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/";
  private static final String R = "/2.0/repositories/team/wine";
  private static final String ME = "{11111111-2222-3333-4444-555555555555}";

  private final StubServer stub = StubServer.start();
  private final FakeTime time = new FakeTime();
  private final Map<String, List<ObjectNode>> comments = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong(500);
  private volatile String expectedAuth = "Bearer " + SECRET;
  private volatile boolean commitLinksApp = true;

  BitbucketClientTest() {
    Set<String> comment = Set.of("id", "content.raw", "user.uuid", "links.html.href");
    Set<String> paging = Set.of("pagelen", "page");
    stub.check(new DocumentedApi()
        .route("GET", R + "/(pullrequests|commit|issues)/[^/]+/comments", Body.NONE, Set.of(),
            Set.of(), paging, comment, PR_DOC)
        .route("POST", R + "/(pullrequests|commit|issues)/[^/]+/comments", Body.JSON,
            Set.of("content.raw", "inline.path", "parent.id"), Set.of("content.raw"), Set.of(),
            comment, PR_DOC)
        .route("PUT", R + "/(pullrequests|commit|issues)/[^/]+/comments/\\d+", Body.JSON,
            Set.of("content.raw"), Set.of("content.raw"), Set.of(), comment, PR_DOC)
        .route("GET", R + "/commit/[0-9a-f]+/pullrequests", Body.NONE, Set.of(), Set.of(), paging,
            Set.of("id", "state"), PR_DOC)
        .route("POST", R + "/downloads", Body.MULTIPART, Set.of("files"), Set.of("files"),
            Set.of(), Set.of(),
            "https://developer.atlassian.com/cloud/bitbucket/rest/api-group-downloads/")
        .route("GET", "/2.0/user", Body.NONE, Set.of(), Set.of(), Set.of(),
            Set.of("uuid", "account_id"),
            "https://developer.atlassian.com/cloud/bitbucket/rest/api-group-users/")::verify);
    stub.on("GET", "/2.0/user", (r, m) -> auth(r, () -> Reply.json(200,
        "{\"type\":\"user\",\"uuid\":\"" + ME + "\",\"account_id\":\"5f0000000000000000000001\","
            + "\"display_name\":\"Cairn Bot\",\"nickname\":\"cairn\"}")));
    stub.on("GET", R + "/(pullrequests|commit|issues)/([^/]+)/comments", (r, m) -> auth(r, () ->
        page(r, comments.getOrDefault(m.group(1) + "/" + m.group(2), List.of()))));
    stub.on("POST", R + "/(pullrequests|commit|issues)/([^/]+)/comments", (r, m) -> auth(r, () ->
        Reply.json(201, add(m.group(1) + "/" + m.group(2), ME, r.json().at("/content/raw").asText()))));
    stub.on("PUT", R + "/(pullrequests|commit|issues)/([^/]+)/comments/(\\d+)", (r, m) -> auth(r, () -> {
      for (ObjectNode c : comments.getOrDefault(m.group(1) + "/" + m.group(2), List.of())) {
        if (c.path("id").asText().equals(m.group(3))) {
          ((ObjectNode) c.get("content")).put("raw", r.json().at("/content/raw").asText());
          return Reply.json(200, c);
        }
      }
      return Reply.json(404, "{\"type\":\"error\",\"error\":{\"message\":\"No such comment\"}}");
    }));
    stub.on("GET", R + "/commit/([0-9a-f]+)/pullrequests", (r, m) -> auth(r, () -> commitLinksApp
        ? Reply.json(200, "{\"pagelen\":50,\"page\":1,\"size\":2,\"values\":["
            + "{\"id\":2,\"state\":\"MERGED\",\"type\":\"pullrequest\"},"
            + "{\"id\":3,\"state\":\"OPEN\",\"type\":\"pullrequest\"}]}")
        : Reply.json(404, "{\"type\":\"error\",\"error\":{\"message\":\"Invalid or unknown"
            + " installation\"}}")));
    stub.on("POST", R + "/downloads", (r, m) -> auth(r, () -> Reply.empty(201)));
  }

  @AfterEach
  void close() {
    stub.close();
    assertThat(stub.failures()).isEmpty();
  }

  private ForgeSettings settings(String token) {
    return ForgeSettings.of(ForgeKind.BITBUCKET, "team/wine", Token.of(token, "BITBUCKET_TOKEN"))
        .withApiBase(stub.uri("/2.0")).withHeadSha(SHA).withRetry(time.policy());
  }

  private ForgeClient client() {
    return Forges.client(settings(SECRET).withPullRequest(4));
  }

  private ObjectNode add(String key, String uuid, String raw) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    long id = ids.incrementAndGet();
    c.put("id", id).put("type", "pullrequest_comment").put("deleted", false);
    c.putObject("content").put("raw", raw).put("markup", "markdown").put("html", "");
    c.putObject("user").put("uuid", uuid).put("display_name", "u").put("account_id", "a" + uuid.hashCode());
    c.putObject("links").putObject("html").put("href",
        "https://bitbucket.org/team/wine/pull-requests/4#comment-" + id);
    synchronized (comments) {
      comments.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    return c;
  }

  private List<String> raws(String key) {
    List<String> out = new ArrayList<>();
    comments.getOrDefault(key, List.of()).forEach(c -> out.add(c.at("/content/raw").asText()));
    return out;
  }

  private Reply page(Request r, List<ObjectNode> all) {
    int per = r.param("pagelen").isEmpty() ? 10 : Integer.parseInt(r.param("pagelen"));
    int page = r.param("page").isEmpty() ? 1 : Integer.parseInt(r.param("page"));
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("pagelen", per).put("page", page).put("size", all.size());
    ArrayNode values = p.putArray("values");
    for (int i = (page - 1) * per; i < Math.min(all.size(), page * per); i++) {
      values.add(all.get(i));
    }
    if (page * per < all.size()) {
      p.put("next", stub.uri(r.path()) + "?pagelen=" + per + "&page=" + (page + 1));
    }
    return Reply.json(200, p);
  }

  private Reply auth(Request r, Supplier<Reply> ok) {
    if (!expectedAuth.equals(r.header("authorization"))) {
      return Reply.json(401, "{\"type\":\"error\",\"error\":{\"message\":\"Access token expired.\"}}");
    }
    return ok.get();
  }

  @Test
  void createsAPullRequestComment() throws Exception {
    CommentResult r = client().createComment(CommentTarget.auto(), "report");

    assertThat(raws("pullrequests/4")).containsExactly("report\n\n<!-- cairn-report -->");
    assertThat(r.url()).startsWith("https://bitbucket.org/team/wine/pull-requests/4#comment-");
  }

  @Test
  void updateFollowsNextPagesAndEditsOwnNewest() throws Exception {
    for (int i = 0; i < 150; i++) {
      boolean mine = i == 20 || i == 140;
      add("pullrequests/4", mine ? ME : "{other}", mine ? "r" + i + "\n<!-- cairn-report -->" : "c");
    }
    add("pullrequests/4", "{other}", "spoof\n<!-- cairn-report -->");

    CommentResult r = client().updateComment(CommentTarget.auto(), "v2");

    assertThat(r.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(raws("pullrequests/4").get(140)).isEqualTo("v2\n\n<!-- cairn-report -->");
    assertThat(raws("pullrequests/4").get(150)).isEqualTo("spoof\n<!-- cairn-report -->");
    assertThat(stub.exchanges("GET").stream().filter(x -> x.request().path().endsWith("/comments")))
        .hasSize(2);
  }

  @Test
  void cmlCommentIsTakenOver() throws Exception {
    add("pullrequests/4", ME, "![](https://cml.dev/watermark.png#aa \"CML watermark\")");

    client().updateComment(CommentTarget.auto(), "new");

    assertThat(raws("pullrequests/4")).containsExactly("new\n\n<!-- cairn-report -->");
  }

  @Test
  void autoUsesTheOpenPullRequestOfTheCommit() throws Exception {
    assertThat(Forges.client(settings(SECRET)).resolveTarget(CommentTarget.auto()))
        .isEqualTo(CommentTarget.pr(3));
  }

  @Test
  void withoutTheCommitLinksAppAutoFallsBackToACommitComment() throws Exception {
    commitLinksApp = false;
    add("commit/" + SHA, ME, "old\n\n<!-- cairn-report -->");

    CommentResult r = Forges.client(settings(SECRET)).updateComment(CommentTarget.auto(), "new");

    assertThat(r.target()).isEqualTo(CommentTarget.commit(SHA));
    assertThat(r.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(raws("commit/" + SHA)).containsExactly("new\n\n<!-- cairn-report -->");
  }

  @Test
  void userColonPasswordIsSentAsBasic() throws Exception {
    String basic = Base64.getEncoder().encodeToString("me@example.com:api-token"
        .getBytes(StandardCharsets.UTF_8));
    expectedAuth = "Basic " + basic;

    Forges.client(settings("me@example.com:api-token").withPullRequest(4))
        .createComment(CommentTarget.auto(), "x");
    // CML's REPO_TOKEN form: already base64 of user:app_password
    Forges.client(settings(basic).withPullRequest(4)).createComment(CommentTarget.auto(), "y");

    assertThat(raws("pullrequests/4")).hasSize(2);
  }

  @Test
  void uploadsToDownloads() throws Exception {
    ImageAsset png = new ImageAsset("roc.png", "image/png", new byte[] {9, 9});

    ImageLink link = client().uploadImage(CommentTarget.auto(), png);

    String name = "cairn-" + png.sha256().substring(0, 16) + "-roc.png";
    assertThat(link.url()).isEqualTo(stub.uri("") + "/team/wine/downloads/" + name);
    assertThat(stub.exchanges("POST").get(0).request().text())
        .contains("name=\"files\"; filename=\"" + name + "\"");
  }

  @Test
  void expiredTokenIsReportedWithBitbucketsWords() {
    expectedAuth = "nothing matches";

    ForgeAuthenticationException e = catchThrowableOfType(ForgeAuthenticationException.class,
        () -> client().createComment(CommentTarget.auto(), "x"));

    assertThat(e.getMessage()).startsWith("Bitbucket rejected the token from BITBUCKET_TOKEN (HTTP"
        + " 401: Access token expired.) while trying to comment on pull request #4 in team/wine")
        .doesNotContain(SECRET);
  }
}
