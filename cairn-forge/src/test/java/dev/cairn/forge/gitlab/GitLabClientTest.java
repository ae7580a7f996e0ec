package dev.cairn.forge.gitlab;

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
import dev.cairn.forge.ForgePermissionException;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GitLab REST v4 against a stub that holds every exchange to the documented shapes:
 * <ul>
 *   <li>Notes: https://docs.gitlab.com/api/notes/ (merge request and issue notes: list with
 *       {@code sort}, {@code order_by}, {@code per_page}, {@code page}; create and modify take
 *       {@code body});
 *   <li>Commits: https://docs.gitlab.com/api/commits/ ({@code POST .../comments} takes {@code
 *       note}; {@code GET .../merge_requests});
 *   <li>Markdown uploads: https://docs.gitlab.com/api/project_markdown_uploads/ (multipart field
 *       {@code file}; answers {@code url}, {@code full_path}, {@code markdown});
 *   <li>Users: https://docs.gitlab.com/api/users/ ({@code GET /user}: {@code username});
 *   <li>Pagination: https://docs.gitlab.com/api/rest/#pagination ({@code X-Next-Page}, {@code Link}).
 * </ul>
 */
class GitLabClientTest {
  private static final String TOKEN = "glpat-PLANTEDsecretVALUE0123";
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String NOTES_DOC = "https://docs.gitlab.com/api/notes/";
  private static final String COMMITS_DOC = "https://docs.gitlab.com/api/commits/";
  private static final String P = "/api/v4/projects/(?:data%2Fwine|10)";

  private final StubServer stub = StubServer.start();
  private final FakeTime time = new FakeTime();
  private final Map<String, List<ObjectNode>> notes = new LinkedHashMap<>();
  private final List<ObjectNode> commitComments = new ArrayList<>();
  private final List<ObjectNode> mrsOfSha = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(300);
  private volatile boolean linkHeaders = true;

  GitLabClientTest() {
    Set<String> noteFields = Set.of("id", "body", "author.username", "system");
    Set<String> list = Set.of("sort", "order_by", "per_page", "page");
    DocumentedApi api = new DocumentedApi()
        .route("GET", P + "/(merge_requests|issues)/\\d+/notes", Body.NONE, Set.of(), Set.of(), list,
            noteFields, NOTES_DOC)
        .route("POST", P + "/(merge_requests|issues)/\\d+/notes", Body.JSON,
            Set.of("body", "internal", "created_at", "merge_request_diff_head_sha"), Set.of("body"),
            Set.of(), noteFields, NOTES_DOC)
        .route("PUT", P + "/(merge_requests|issues)/\\d+/notes/\\d+", Body.JSON,
            Set.of("body", "confidential", "internal"), Set.of("body"), Set.of(), noteFields,
            NOTES_DOC)
        .route("POST", P + "/repository/commits/[0-9a-f]+/comments", Body.JSON,
            Set.of("note", "path", "line", "line_type"), Set.of("note"), Set.of(),
            Set.of("note", "author.username"), COMMITS_DOC)
        .route("GET", P + "/repository/commits/[0-9a-f]+/merge_requests", Body.NONE, Set.of(),
            Set.of(), Set.of(), Set.of("iid", "state"), COMMITS_DOC)
        .route("POST", P + "/uploads", Body.MULTIPART, Set.of("file"), Set.of("file"), Set.of(),
            Set.of("url", "full_path", "markdown"),
            "https://docs.gitlab.com/api/project_markdown_uploads/")
        .route("GET", "/api/v4/user", Body.NONE, Set.of(), Set.of(), Set.of(), Set.of("username"),
            "https://docs.gitlab.com/api/users/")
        .route("GET", "/api/v4/projects/\\d+", Body.NONE, Set.of(), Set.of(), Set.of(),
            Set.of("web_url"), "https://docs.gitlab.com/api/projects/");
    stub.check(api::verify);
    stub.on("GET", "/api/v4/user", (r, m) -> auth(r, () -> Reply.json(200,
        "{\"id\":9,\"username\":\"project_10_bot\",\"name\":\"cairn\",\"state\":\"active\"}")));
    stub.on("GET", P + "/(merge_requests|issues)/(\\d+)/notes",
        (r, m) -> auth(r, () -> page(r, notes.getOrDefault(m.group(1) + "/" + m.group(2), List.of()))));
    stub.on("POST", P + "/(merge_requests|issues)/(\\d+)/notes", (r, m) -> auth(r, () ->
        Reply.json(201, addNote(m.group(1) + "/" + m.group(2), "project_10_bot",
            r.json().path("body").asText(), false))));
    stub.on("PUT", P + "/(merge_requests|issues)/(\\d+)/notes/(\\d+)", (r, m) -> auth(r, () -> {
      for (ObjectNode n : notes.getOrDefault(m.group(1) + "/" + m.group(2), List.of())) {
        if (n.path("id").asText().equals(m.group(3))) {
          n.put("body", r.json().path("body").asText());
          return Reply.json(200, n);
        }
      }
      return Reply.json(404, "{\"message\":\"404 Not found\"}");
    }));
    stub.on("POST", P + "/repository/commits/([0-9a-f]+)/comments", (r, m) -> auth(r, () -> {
      ObjectNode c = JsonNodeFactory.instance.objectNode();
      c.put("note", r.json().path("note").asText());
      c.putNull("path");
      c.putNull("line");
      c.putNull("line_type");
      c.putObject("author").put("id", 9).put("username", "project_10_bot");
      commitComments.add(c);
      return Reply.json(201, c);
    }));
    stub.on("GET", P + "/repository/commits/([0-9a-f]+)/merge_requests", (r, m) -> auth(r, () -> {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      mrsOfSha.forEach(a::add);
      return Reply.json(200, a);
    }));
    stub.on("POST", P + "/uploads", (r, m) -> auth(r, () -> Reply.json(201,
        "{\"id\":5,\"alt\":\"plot\",\"url\":\"/uploads/66dbcd21ec5d24ed6ea225176098d52b/plot.png\","
            + "\"full_path\":\"/-/project/10/uploads/66dbcd21ec5d24ed6ea225176098d52b/plot.png\","
            + "\"markdown\":\"![plot](/uploads/66dbcd21ec5d24ed6ea225176098d52b/plot.png)\"}")));
    stub.on("GET", "/api/v4/projects/10", (r, m) -> auth(r, () -> Reply.json(200,
        "{\"id\":10,\"web_url\":\"https://gitlab.example.com/data/wine\","
            + "\"path_with_namespace\":\"data/wine\"}")));
  }

  @AfterEach
  void close() {
    stub.close();
    assertThat(stub.failures()).isEmpty();
  }

  private ForgeSettings settings() {
    return ForgeSettings.of(ForgeKind.GITLAB, "data/wine", Token.of(TOKEN, "GITLAB_TOKEN"))
        .withApiBase(stub.uri("/api/v4")).withHeadSha(SHA).withRetry(time.policy());
  }

  private ForgeClient client() {
    return Forges.client(settings().withPullRequest(5));
  }

  private ObjectNode addNote(String key, String user, String body, boolean system) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("id", ids.incrementAndGet());
    n.put("body", body);
    n.putObject("author").put("id", user.hashCode() & 0xffff).put("username", user);
    n.put("system", system);
    n.put("noteable_type", key.startsWith("issues") ? "Issue" : "MergeRequest");
    n.put("created_at", "2026-11-28T12:00:00.000Z");
    synchronized (notes) {
      notes.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
    }
    return n;
  }

  private List<String> bodies(String key) {
    List<String> out = new ArrayList<>();
    notes.getOrDefault(key, List.of()).forEach(n -> out.add(n.path("body").asText()));
    return out;
  }

  private Reply page(Request r, List<ObjectNode> all) {
    if (!"asc".equals(r.param("sort")) || !"created_at".equals(r.param("order_by"))) {
      return Reply.json(400, "{\"error\":\"test expects oldest first\"}");
    }
    int per = r.param("per_page").isEmpty() ? 20 : Integer.parseInt(r.param("per_page"));
    int page = r.param("page").isEmpty() ? 1 : Integer.parseInt(r.param("page"));
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (int i = (page - 1) * per; i < Math.min(all.size(), page * per); i++) {
      a.add(all.get(i));
    }
    Reply reply = Reply.json(200, a).with("X-Page", Integer.toString(page))
        .with("X-Per-Page", Integer.toString(per));
    boolean more = page * per < all.size();
    reply = reply.with("X-Next-Page", more ? Integer.toString(page + 1) : "");
    if (more && linkHeaders) {
      reply = reply.with("Link", "<" + stub.uri(r.path()) + "?order_by=created_at&page=" + (page + 1)
          + "&per_page=" + per + "&sort=asc>; rel=\"next\"");
    }
    return reply;
  }

  private Reply auth(Request r, Supplier<Reply> ok) {
    if (!TOKEN.equals(r.header("private-token"))) {
      return Reply.json(401, "{\"message\":\"401 Unauthorized\"}");
    }
    return ok.get();
  }

  @Test
  void createsAMergeRequestNote() throws Exception {
    CommentResult r = client().createComment(CommentTarget.auto(), "# Report");

    assertThat(r.target()).isEqualTo(CommentTarget.pr(5));
    assertThat(bodies("merge_requests/5")).containsExactly("# Report\n\n<!-- cairn-report -->");
    assertThat(r.url()).isEqualTo(stub.uri("") + "/data/wine/-/merge_requests/5#note_" + r.id());
  }

  @Test
  void updatePagesWithXNextPageAndEditsTheNewestOwnNote() throws Exception {
    linkHeaders = false;
    for (int i = 0; i < 230; i++) {
      String user = i == 10 || i == 150 ? "project_10_bot" : "dev" + (i % 3);
      String body = i == 10 || i == 150 ? "r" + i + "\n<!-- cairn-report -->" : "c" + i;
      addNote("merge_requests/5", user, body, false);
    }
    // A system note is never ours, even when it quotes the marker.
    addNote("merge_requests/5", "project_10_bot", "changed <!-- cairn-report -->", true);

    CommentResult r = client().updateComment(CommentTarget.auto(), "v2");

    assertThat(r.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(bodies("merge_requests/5").get(150)).isEqualTo("v2\n\n<!-- cairn-report -->");
    assertThat(bodies("merge_requests/5").get(10)).isEqualTo("r10\n<!-- cairn-report -->");
    assertThat(stub.exchanges("GET").stream().filter(x -> x.request().path().endsWith("/notes")))
        .hasSize(3);
  }

  @Test
  void updateFollowsLinkHeaders() throws Exception {
    for (int i = 0; i < 120; i++) {
      addNote("merge_requests/5", i == 110 ? "project_10_bot" : "dev", i == 110
          ? "x\n\n<!-- cairn-report -->" : "c", false);
    }

    assertThat(client().updateComment(CommentTarget.auto(), "v2").action())
        .isEqualTo(CommentResult.Action.UPDATED);
    assertThat(bodies("merge_requests/5").get(110)).startsWith("v2");
  }

  @Test
  void anotherUsersMarkedNoteIsLeftAlone() throws Exception {
    addNote("merge_requests/5", "mallory", "x\n\n<!-- cairn-report -->", false);

    CommentResult r = client().updateComment(CommentTarget.auto(), "mine");

    assertThat(r.action()).isEqualTo(CommentResult.Action.CREATED);
    assertThat(bodies("merge_requests/5")).hasSize(2).first().asString().startsWith("x");
  }

  @Test
  void cmlNoteIsTakenOver() throws Exception {
    addNote("merge_requests/5", "project_10_bot",
        "old\n\n![](https://cml.dev/watermark.png#0a0a \"CML watermark\")", false);

    client().updateComment(CommentTarget.auto(), "new");

    assertThat(bodies("merge_requests/5")).containsExactly("new\n\n<!-- cairn-report -->");
  }

  @Test
  void commitCommentsCannotBeEditedSoUpdatePostsANewOne() throws Exception {
    ForgeClient c = Forges.client(settings());

    CommentResult r = c.updateComment(CommentTarget.commit(), "report");

    assertThat(r.action()).isEqualTo(CommentResult.Action.CREATED);
    assertThat(commitComments).singleElement().satisfies(n ->
        assertThat(n.path("note").asText()).isEqualTo("report\n\n<!-- cairn-report -->"));
    assertThat(r.url()).isEqualTo(stub.uri("") + "/data/wine/-/commit/" + SHA);
    assertThat(stub.exchanges("GET")).isEmpty();
  }

  @Test
  void autoFindsTheOpenMergeRequestOfTheCommit() throws Exception {
    mrsOfSha.add((ObjectNode) JsonNodeFactory.instance.objectNode().put("iid", 3).put("state", "merged"));
    mrsOfSha.add((ObjectNode) JsonNodeFactory.instance.objectNode().put("iid", 4).put("state", "opened"));

    assertThat(Forges.client(settings()).resolveTarget(CommentTarget.auto()))
        .isEqualTo(CommentTarget.pr(4));
  }

  @Test
  void issueNotes() throws Exception {
    client().createComment(CommentTarget.issue(2), "x");

    assertThat(bodies("issues/2")).hasSize(1);
  }

  @Test
  void numericProjectIdLooksUpTheWebUrl() throws Exception {
    ForgeSettings s = ForgeSettings.of(ForgeKind.GITLAB, "10", Token.of(TOKEN, "GITLAB_TOKEN"))
        .withApiBase(stub.uri("/api/v4")).withPullRequest(5).withRetry(time.policy());

    CommentResult r = Forges.client(s).createComment(CommentTarget.auto(), "x");

    assertThat(r.url()).startsWith("https://gitlab.example.com/data/wine/-/merge_requests/5#note_");
  }

  @Test
  void uploadsImagesToTheProject() throws Exception {
    ImageLink link = client().uploadImage(CommentTarget.auto(),
        new ImageAsset("plot.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));

    assertThat(link.url()).isEqualTo("/uploads/66dbcd21ec5d24ed6ea225176098d52b/plot.png");
    assertThat(link.markdown()).isEqualTo("![plot.png](" + link.url() + ")");
    String multipart = stub.exchanges("POST").get(0).request().text();
    assertThat(multipart).contains("name=\"file\"; filename=\"plot.png\"", "Content-Type: image/png");
  }

  @Test
  void errorsNameTheTokenKindGitlabNeeds() {
    stub.on("POST", "/api/v4/projects/data%2Fwine/merge_requests/5/notes", (r, m) -> Reply.json(401, "{\"message\":\"401 Unauthorized\"}"));
    ForgeAuthenticationException e = catchThrowableOfType(ForgeAuthenticationException.class,
        () -> client().createComment(CommentTarget.auto(), "x"));
    assertThat(e.getMessage()).isEqualTo("GitLab rejected the token from GITLAB_TOKEN (HTTP 401:"
        + " 401 Unauthorized) while trying to comment on merge request !5 in data/wine: check that"
        + " it is valid and not expired; use a personal, project or group access token with scope"
        + " 'api'");

    stub.on("POST", "/api/v4/projects/data%2Fwine/merge_requests/5/notes", (r, m) -> Reply.json(403, "{\"message\":\"403 Forbidden\"}"));
    ForgePermissionException p = catchThrowableOfType(ForgePermissionException.class,
        () -> client().createComment(CommentTarget.auto(), "x"));
    assertThat(p.getMessage()).contains("needs scope 'api'").contains("CI_JOB_TOKEN")
        .doesNotContain(TOKEN);
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    stub.on("POST", "/api/v4/projects/data%2Fwine/merge_requests/5/notes", (r, m) -> calls.incrementAndGet() == 1
        ? Reply.json(429, "{\"message\":\"Retry later\"}").with("Retry-After", "7")
        : Reply.json(201, addNote("merge_requests/5", "project_10_bot", r.json().path("body").asText(), false)));

    client().createComment(CommentTarget.auto(), "x");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }
}
