package dev.cairn.forge.bitbucketserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.ForgeValidationException;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequest;
import dev.cairn.forge.PullRequestRequest;
import dev.cairn.forge.internal.Auth;
import dev.cairn.forge.internal.Call;
import dev.cairn.forge.internal.CommentingClient;
import dev.cairn.forge.internal.JsonNodes;
import dev.cairn.forge.internal.Links;
import dev.cairn.forge.internal.RemoteComment;
import dev.cairn.forge.internal.Response;
import dev.cairn.forge.internal.RestClient;
import dev.cairn.forge.internal.StatusOutcome;
import dev.cairn.forge.internal.StatusUpdate;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Bitbucket Server / Data Center client. The API base is {@code https://host[/context]/rest/
 * api/1.0}; the repository is {@code PROJECT/slug} ({@code ~user/slug} for a personal one).
 *
 * <ul>
 *   <li><b>Comments:</b> pull request comments are listed from the pull request's activities
 *       ({@code COMMENTED}), commit comments from {@code /commits/{sha}/comments}, both paged with
 *       {@code start}/{@code limit} until {@code isLastPage}; an edit sends the comment's {@code
 *       version} (re-read once on a 409). The token's user is the {@code X-AUSERNAME} header of
 *       {@code GET /application-properties}, compared with {@code author.name}. There are no
 *       issues.
 *   <li><b>Checks:</b> a build status ({@code POST /projects/{p}/repos/{r}/commits/{sha}/builds},
 *       7.4 and later; the older {@code /rest/build-status/1.0/commits/{sha}} when that is
 *       missing), with the report as a comment.
 *   <li><b>Pull requests:</b> matched by {@code fromRef}/{@code toRef}; no labels; auto-merge
 *       (8.15 and later, checked with {@code /application-properties} first) through {@code
 *       /merge} with {@code autoMerge}.
 *   <li><b>Images:</b> refused; the REST API documents no attachment upload.
 * </ul>
 *
 * <p>Tokens: HTTP access tokens (personal, project, repository) go as {@code Bearer}, {@code
 * user:password} as HTTP Basic.
 */
public final class BitbucketServerClient extends CommentingClient {
  /** A conservative comment and description limit (characters). */
  static final int MAX_BODY = 32_768;

  private static final int PAGE = 100;
  private static final String READ = "permission 'Repository read' (REPO_READ)";
  private static final String WRITE = "permission 'Repository write' (REPO_WRITE)";

  private final String projectKey;
  private final String slug;
  private final String repoPath;
  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  private JsonNode properties;
  private Set<String> user;

  private BitbucketServerClient(ForgeSettings settings, RestClient rest) {
    super(settings, rest);
    String[] parts = settings.repo().split("/");
    this.projectKey = parts[0];
    this.slug = parts[1];
    this.repoPath = "/projects/" + Links.segment(projectKey) + "/repos/" + Links.segment(slug);
  }

  /** A client for {@code settings}; makes no request yet. */
  public static BitbucketServerClient create(ForgeSettings settings) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "application/json");
    h.put("Authorization", Auth.basicOrBearer(settings.token()));
    return new BitbucketServerClient(settings, RestClient.forForge(settings, h,
        "use an HTTP access token (sent as Bearer) with repository write permission, or"
            + " 'user:password'"));
  }

  /** The server's web address: the API base without {@code /rest/api/1.0}. */
  String webBase() {
    String api = settings.apiBase().toString();
    return api.endsWith("/rest/api/1.0") ? api.substring(0, api.length() - "/rest/api/1.0".length())
        : api;
  }

  /** The repository's web address: {@code /projects/P/repos/r}, or {@code /users/u/repos/r}. */
  private String webRepo() {
    String owner = projectKey.startsWith("~")
        ? "/users/" + Links.segment(projectKey.substring(1)) : "/projects/"
            + Links.segment(projectKey);
    return webBase() + owner + "/repos/" + Links.segment(slug);
  }

  /** Every value of a paged listing ({@code start}, {@code limit}, {@code isLastPage}). */
  private List<JsonNode> pages(String pathAndQuery, String action, String permission,
      Integer... pass) throws ForgeException {
    List<JsonNode> out = new ArrayList<>();
    String sep = pathAndQuery.contains("?") ? "&" : "?";
    long start = 0;
    for (int n = 0; n < 1000; n++) {
      Call call = Call.of("GET", api(pathAndQuery + sep + "limit=" + PAGE + "&start=" + start),
          action, permission).passing(pass);
      Response r = rest.send(call);
      if (!r.ok()) {
        return null;
      }
      JsonNode page = rest.parse(call, r);
      page.path("values").forEach(out::add);
      if (page.path("isLastPage").asBoolean(true) || !page.has("nextPageStart")) {
        break;
      }
      start = page.path("nextPageStart").asLong();
    }
    return out;
  }

  /** {@code GET /application-properties}, read once: the version, and who the token is. */
  private synchronized JsonNode properties() throws ForgeException {
    if (properties == null) {
      Call call = Call.of("GET", api("/application-properties"),
          "read the server's version", READ);
      Response r = rest.send(call);
      properties = rest.parse(call, r);
      user = r.header("x-ausername").map(String::trim).filter(s -> !s.isEmpty())
          .map(Set::of).orElse(Set.of());
    }
    return properties;
  }

  // ---------------------------------------------------------------- comments

  @Override
  protected int maxBodyLength() {
    return MAX_BODY;
  }

  @Override
  public CommentTarget resolveTarget(CommentTarget target) throws ForgeException {
    if (target.kind() == CommentTarget.Kind.ISSUE) {
      throw new ForgeUsageException("Bitbucket Server has no issues: comment on a pull request"
          + " (pr/<number>) or a commit (commit/<sha>) instead of '" + target + "'");
    }
    return super.resolveTarget(target);
  }

  /** {@code GET .../commits/{sha}/pull-requests}; a server without it (404) finds none. */
  @Override
  protected OptionalLong findOpenPullRequest(String sha) throws ForgeException {
    List<JsonNode> prs = pages(repoPath + "/commits/" + Links.segment(sha) + "/pull-requests",
        "list the pull requests of commit " + sha + " in " + settings.repo(), READ, 404);
    if (prs == null) {
      return OptionalLong.empty();
    }
    for (JsonNode pr : prs) {
      if ("OPEN".equals(JsonNodes.text(pr, "state"))) {
        return OptionalLong.of(pr.path("id").asLong());
      }
    }
    return OptionalLong.empty();
  }

  @Override
  protected List<RemoteComment> list(CommentTarget t) throws ForgeException {
    Map<Long, JsonNode> byId = new LinkedHashMap<>();
    if (t.kind() == CommentTarget.Kind.PR) {
      for (JsonNode a : pages(repoPath + "/pull-requests/" + t.ref() + "/activities",
          "list the activities of " + describe(t), READ)) {
        JsonNode c = a.path("comment");
        if ("COMMENTED".equals(JsonNodes.text(a, "action")) && c.isObject()) {
          long id = c.path("id").asLong();
          JsonNode seen = byId.get(id);
          if (seen == null || seen.path("version").asLong() < c.path("version").asLong()) {
            byId.put(id, c);
          }
        }
      }
    } else {
      for (JsonNode c : pages(repoPath + "/commits/" + Links.segment(t.ref()) + "/comments",
          "list the comments of " + describe(t), READ)) {
        byId.put(c.path("id").asLong(), c);
      }
    }
    List<JsonNode> sorted = new ArrayList<>(byId.values());
    sorted.sort(Comparator.comparingLong(c -> c.path("id").asLong()));
    List<RemoteComment> out = new ArrayList<>();
    for (JsonNode c : sorted) {
      out.add(comment(t, c));
    }
    return out;
  }

  private String commentsPath(CommentTarget t) {
    return t.kind() == CommentTarget.Kind.PR
        ? repoPath + "/pull-requests/" + t.ref() + "/comments"
        : repoPath + "/commits/" + Links.segment(t.ref()) + "/comments";
  }

  @Override
  protected RemoteComment post(CommentTarget t, String body) throws ForgeException {
    JsonNode c = rest.json(Call.json("POST", api(commentsPath(t)),
        JsonNodes.bytes(JsonNodes.object().put("text", body)), "comment on " + describe(t), READ));
    return comment(t, c);
  }

  /** {@code PUT .../comments/{id}} with the comment's version; re-read once if it moved on. */
  @Override
  protected RemoteComment edit(CommentTarget t, RemoteComment c, String body)
      throws ForgeException {
    URI uri = api(commentsPath(t) + "/" + Links.segment(c.id()));
    String what = "update comment " + c.id() + " on " + describe(t);
    for (int attempt = 0; ; attempt++) {
      Long version = versions.get(c.id());
      if (version == null) {
        version = rest.json(Call.of("GET", uri, what, READ)).path("version").asLong();
      }
      ObjectNode json = JsonNodes.object().put("text", body).put("version", version);
      Response r = rest.send(Call.json("PUT", uri, JsonNodes.bytes(json), what, READ).passing(409));
      if (r.ok()) {
        return comment(t, rest.parse(Call.of("PUT", uri, what, READ), r));
      }
      versions.remove(c.id());
      if (attempt >= 1) {
        throw new ForgeValidationException(rest.redact("Bitbucket Server refused to " + what
            + " (HTTP 409: " + RestClient.serverMessage(r) + "): it keeps changing; try again"),
            409, null);
      }
    }
  }

  /** The {@code X-AUSERNAME} of {@code GET /application-properties}. */
  @Override
  protected Set<String> whoAmI() throws ForgeException {
    properties();
    synchronized (this) {
      return user;
    }
  }

  private RemoteComment comment(CommentTarget t, JsonNode c) {
    String id = c.path("id").asText();
    versions.put(id, c.path("version").asLong());
    String url = t.kind() == CommentTarget.Kind.PR
        ? webRepo() + "/pull-requests/" + t.ref() + "/overview?commentId=" + id
        : webRepo() + "/commits/" + t.ref() + "?commentId=" + id;
    return new RemoteComment(id, JsonNodes.text(c, "text"), JsonNodes.text(c, "author", "name"), url);
  }

  /**
   * Refused: Bitbucket Server's REST API can read and delete attachments but documents no upload,
   * so the report's image links stay as written (or use a {@link
   * dev.cairn.forge.PublishUrlUploader}).
   */
  @Override
  public ImageLink uploadImage(CommentTarget target, ImageAsset image) throws ForgeException {
    throw new ForgeUsageException("Bitbucket Server's REST API documents no attachment upload, so"
        + " image " + image.fileName() + " cannot be stored there: publish images to your own"
        + " server with --publish-url, or leave the links as they are");
  }

  // ---------------------------------------------------------------- checks

  /**
   * A build status keyed by the check's name ({@code SUCCESSFUL} or {@code FAILED}); the URL is
   * required, so without a details page or report comment it links to the commit.
   */
  @Override
  protected StatusOutcome postStatus(StatusUpdate s) throws ForgeException {
    String url = s.targetUrl().isEmpty() ? webRepo() + "/commits/" + s.sha() : s.targetUrl();
    String key = s.key(255);
    ObjectNode body = JsonNodes.object()
        .put("key", key)
        .put("state", s.conclusion() == CheckConclusion.FAILURE ? "FAILED" : "SUCCESSFUL")
        .put("name", s.name())
        .put("url", url)
        .put("description", s.description());
    String what = "set build status '" + s.name() + "' of commit " + s.sha() + " in "
        + settings.repo();
    Response r = rest.send(Call.json("POST", api(repoPath + "/commits/" + Links.segment(s.sha())
        + "/builds"), JsonNodes.bytes(body), what, READ).passing(404));
    if (r.status() == 404) {
      String root = settings.apiBase().toString().replaceFirst("/api/1\\.0$", "");
      rest.send(Call.json("POST", URI.create(root + "/build-status/1.0/commits/"
          + Links.segment(s.sha())), JsonNodes.bytes(body), what, "a licensed user"));
    }
    return new StatusOutcome(CheckResult.Kind.COMMIT_STATUS, key, url, false);
  }

  // ---------------------------------------------------------------- pull requests

  @Override
  protected int maxDescriptionLength() {
    return MAX_BODY;
  }

  @Override
  public boolean supportsLabels() {
    return false;
  }

  /** All three; whether the server has auto-merge at all (8.15+) is checked by the call. */
  @Override
  public Set<MergeMethod> autoMergeMethods() {
    return EnumSet.allOf(MergeMethod.class);
  }

  @Override
  public Optional<PullRequest> findPullRequest(String headBranch, String baseBranch)
      throws ForgeException {
    for (JsonNode pr : pages(repoPath + "/pull-requests?state=OPEN&direction=OUTGOING&at="
        + Links.segment("refs/heads/" + headBranch), "list the open pull requests of "
        + settings.repo(), READ)) {
      if (("refs/heads/" + headBranch).equals(JsonNodes.text(pr, "fromRef", "id"))
          && ("refs/heads/" + baseBranch).equals(JsonNodes.text(pr, "toRef", "id"))) {
        return Optional.of(pull(pr));
      }
    }
    return Optional.empty();
  }

  private ObjectNode ref(String branch) {
    ObjectNode r = JsonNodes.object().put("id", "refs/heads/" + branch);
    r.putObject("repository").put("slug", slug).putObject("project").put("key", projectKey);
    return r;
  }

  @Override
  protected PullRequest createPull(PullRequestRequest req, String body) throws ForgeException {
    ObjectNode json = JsonNodes.object().put("title", req.title()).put("description", body);
    json.set("fromRef", ref(req.headBranch()));
    json.set("toRef", ref(req.baseBranch()));
    return pull(rest.json(Call.json("POST", api(repoPath + "/pull-requests"), JsonNodes.bytes(json),
        "open a pull request from " + req.headBranch() + " into " + req.baseBranch() + " in "
            + settings.repo(), READ)));
  }

  /**
   * {@code PUT .../pull-requests/{id}} with the current {@code version} and the reviewers it has
   * (so none is dropped); re-read once if it moved on.
   */
  @Override
  protected PullRequest updatePull(PullRequest pr, String title, String body)
      throws ForgeException {
    URI uri = api(repoPath + "/pull-requests/" + pr.number());
    String what = "update " + describePull(pr.number());
    for (int attempt = 0; ; attempt++) {
      JsonNode current = rest.json(Call.of("GET", uri, what, READ));
      ObjectNode json = JsonNodes.object().put("title", title).put("description", body)
          .put("version", current.path("version").asLong());
      ArrayNode reviewers = json.putArray("reviewers");
      for (JsonNode r : current.path("reviewers")) {
        reviewers.addObject().putObject("user").put("name", JsonNodes.text(r, "user", "name"));
      }
      Response r = rest.send(Call.json("PUT", uri, JsonNodes.bytes(json), what, READ).passing(409));
      if (r.ok()) {
        return pull(rest.parse(Call.of("PUT", uri, what, READ), r));
      }
      if (attempt >= 1) {
        throw new ForgeValidationException(rest.redact("Bitbucket Server refused to " + what
            + " (HTTP 409: " + RestClient.serverMessage(r) + "): it keeps changing; try again"),
            409, null);
      }
    }
  }

  /**
   * {@code POST .../pull-requests/{id}/merge?version=N} with {@code autoMerge} and a strategy
   * ({@code no-ff}, {@code squash}, {@code rebase-ff-only}), after checking the server is 8.15 or
   * later: an older one would ignore {@code autoMerge} and merge at once.
   */
  @Override
  public AutoMergeResult enableAutoMerge(long number, MergeMethod method) throws ForgeException {
    requireAutoMerge(method);
    String version = JsonNodes.text(properties(), "version");
    if (!atLeast(version, 8, 15)) {
      throw new ForgeUsageException("Bitbucket Server " + (version.isEmpty() ? "(version unknown)"
          : version) + " has no auto-merge (Data Center 8.15 and later have): leave out --"
          + method.id() + " and merge " + describePull(number) + " once its builds pass");
    }
    String strategy = switch (method) {
      case MERGE -> "no-ff";
      case SQUASH -> "squash";
      case REBASE -> "rebase-ff-only";
    };
    URI uri = api(repoPath + "/pull-requests/" + number);
    long prVersion = rest.json(Call.of("GET", uri, "look up " + describePull(number), READ))
        .path("version").asLong();
    ObjectNode json = JsonNodes.object().put("autoMerge", true).put("strategyId", strategy);
    Call call = Call.json("POST", api(repoPath + "/pull-requests/" + number + "/merge?version="
        + prVersion), JsonNodes.bytes(json), "set " + describePull(number) + " to auto-merge ("
        + strategy + ")", WRITE).passing(409);
    Response r = rest.send(call);
    if (!r.ok()) {
      String words = RestClient.serverMessage(r);
      throw new ForgeUsageException(rest.redact("Bitbucket Server refused to " + call.action()
          + " (HTTP 409" + (words.isEmpty() ? "" : ": " + words) + "): check that auto-merge and"
          + " the " + strategy + " strategy are on in the repository's settings"), 409, null);
    }
    JsonNode pr = rest.parse(call, r);
    if ("MERGED".equals(JsonNodes.text(pr, "state"))) {
      return new AutoMergeResult(method, AutoMergeResult.State.MERGED,
          "Bitbucket Server: merged at once (" + strategy + ")");
    }
    return new AutoMergeResult(method, AutoMergeResult.State.ENABLED,
        "Bitbucket Server: auto-merge (" + strategy + ") once the merge checks pass");
  }

  static boolean atLeast(String version, int major, int minor) {
    String[] p = version.split("\\.");
    try {
      int ma = Integer.parseInt(p[0]);
      int mi = p.length > 1 ? Integer.parseInt(p[1]) : 0;
      return ma > major || (ma == major && mi >= minor);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private PullRequest pull(JsonNode pr) {
    long id = pr.path("id").asLong();
    String url = JsonNodes.text(pr.path("links").path("self").path(0), "href");
    return new PullRequest(id, url.isEmpty() ? webRepo() + "/pull-requests/" + id : url,
        branchName(JsonNodes.text(pr, "fromRef", "id")), branchName(JsonNodes.text(pr, "toRef", "id")),
        JsonNodes.text(pr, "title"));
  }
}
