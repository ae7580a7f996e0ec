package dev.cairn.forge.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequest;
import dev.cairn.forge.PullRequestRequest;
import dev.cairn.forge.Token;
import dev.cairn.forge.internal.Auth;
import dev.cairn.forge.internal.Call;
import dev.cairn.forge.internal.CommentingClient;
import dev.cairn.forge.internal.JsonNodes;
import dev.cairn.forge.internal.Links;
import dev.cairn.forge.internal.Multipart;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Bitbucket Cloud client. Comments are {@code {"content": {"raw": md}}}; listings follow the
 * page object's {@code next}. Authors are compared by account UUID. Checks are build statuses
 * ({@code POST .../commit/{sha}/statuses/build}, replaced by key) with the report as a comment;
 * pull requests have no labels, and the API has no auto-merge.
 *
 * <p>Token forms: {@code user:secret} (an app password, or an Atlassian API token with the
 * account e-mail) is sent as HTTP Basic; the same already base64-encoded (CML's {@code
 * REPO_TOKEN} form) is sent as is; anything else (repository, project or workspace access tokens)
 * as {@code Bearer}.
 */
public final class BitbucketClient extends CommentingClient {
  /** A conservative body limit for Bitbucket comments (characters). */
  static final int MAX_BODY = 65_536;

  private static final String PERMISSION =
      "scope 'pullrequest' for pull request comments or 'repository' for commit comments";

  private final String repoPath;

  private BitbucketClient(ForgeSettings settings, RestClient rest) {
    super(settings, rest);
    this.repoPath = "/repositories/" + Links.path(settings.repo());
  }

  /** A client for {@code settings}; makes no request yet. */
  public static BitbucketClient create(ForgeSettings settings) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "application/json");
    h.put("Authorization", authorization(settings.token()));
    return new BitbucketClient(settings, RestClient.forForge(settings, h,
        "use an access token (sent as Bearer), 'email:api_token' or 'user:app_password'"));
  }

  /** The {@code Authorization} header value for a token, by its form (see the class comment). */
  static String authorization(Token token) {
    return Auth.basicOrBearer(token);
  }

  @Override
  protected int maxBodyLength() {
    return MAX_BODY;
  }

  /**
   * {@code GET /repositories/{ws}/{slug}/commit/{sha}/pullrequests}; answers 404 until the "Pull
   * Request Commit Links" app is installed, which counts as "no pull request".
   */
  @Override
  protected OptionalLong findOpenPullRequest(String sha) throws ForgeException {
    Call call =
        Call.of(
                "GET",
                api(repoPath + "/commit/" + Links.segment(sha) + "/pullrequests?pagelen=50"),
                "list the pull requests of commit " + sha + " in " + settings.repo(),
                "scope 'pullrequest'")
            .passing(404);
    Response r = rest.send(call);
    if (r.status() == 404) {
      return OptionalLong.empty();
    }
    for (JsonNode pr : rest.parse(call, r).path("values")) {
      if ("OPEN".equals(JsonNodes.text(pr, "state"))) {
        return OptionalLong.of(pr.path("id").asLong());
      }
    }
    return OptionalLong.empty();
  }

  @Override
  protected List<RemoteComment> list(CommentTarget t) throws ForgeException {
    List<JsonNode> raw = new ArrayList<>();
    URI next = api(commentsPath(t) + "?pagelen=100");
    int pages = 0;
    while (next != null && pages++ < 1000) {
      Call call = Call.of("GET", next, "list the comments of " + describe(t), PERMISSION);
      JsonNode page = rest.json(call);
      page.path("values").forEach(raw::add);
      String n = JsonNodes.text(page, "next");
      next = n.isEmpty() ? null : URI.create(n);
    }
    raw.sort(Comparator.comparingLong(c -> c.path("id").asLong()));
    List<RemoteComment> out = new ArrayList<>();
    for (JsonNode c : raw) {
      if (!c.path("deleted").asBoolean(false)) {
        out.add(comment(c));
      }
    }
    return out;
  }

  @Override
  protected RemoteComment post(CommentTarget t, String body) throws ForgeException {
    return comment(
        rest.json(
            Call.json("POST", api(commentsPath(t)), content(body), "comment on " + describe(t),
                PERMISSION)));
  }

  @Override
  protected RemoteComment edit(CommentTarget t, RemoteComment c, String body)
      throws ForgeException {
    return comment(
        rest.json(
            Call.json("PUT", api(commentsPath(t) + "/" + Links.segment(c.id())), content(body),
                "update comment " + c.id() + " on " + describe(t), PERMISSION)));
  }

  /**
   * {@code GET /user}: the account UUID and id. Access tokens that cannot read it leave the
   * identity unknown, so no comment is edited (set {@code commentAuthor} to the bot's UUID).
   */
  @Override
  protected Set<String> whoAmI() throws ForgeException {
    Call call =
        Call.of("GET", api("/user"), "look up the token's user", "scope 'account'")
            .passing(401, 403);
    Response r = rest.send(call);
    if (!r.ok()) {
      return Set.of();
    }
    JsonNode u = rest.parse(call, r);
    Set<String> ids = new LinkedHashSet<>();
    for (String f : List.of("uuid", "account_id")) {
      String v = JsonNodes.text(u, f);
      if (!v.isEmpty()) {
        ids.add(v);
      }
    }
    return ids;
  }

  /**
   * Stores the image in the repository's Downloads ({@code POST .../downloads}, field {@code
   * files}) under a content-addressed name; private repositories keep it private.
   */
  @Override
  public ImageLink uploadImage(CommentTarget target, ImageAsset image) throws ForgeException {
    String name = "cairn-" + image.sha256().substring(0, 16) + "-" + image.safeFileName();
    Multipart m = Multipart.file("files", name, image.mediaType(), image.content());
    rest.send(
        new Call(
            "POST",
            api(repoPath + "/downloads"),
            m.contentType(),
            m.body(),
            "upload image " + image.fileName() + " to the downloads of " + settings.repo(),
            "scope 'repository:write'",
            Set.of()));
    String url = webBase() + "/" + settings.repo() + "/downloads/" + Links.segment(name);
    return ImageLink.of(url, image.fileName());
  }

  // ---------------------------------------------------------------- checks

  /**
   * A build status keyed by the check's name: {@code SUCCESSFUL} or {@code FAILED}; Bitbucket
   * requires a URL, so without a details page or report comment it links to the commit.
   */
  @Override
  protected StatusOutcome postStatus(StatusUpdate s) throws ForgeException {
    String url = s.targetUrl().isEmpty()
        ? webBase() + "/" + settings.repo() + "/commits/" + s.sha() : s.targetUrl();
    ObjectNode body = JsonNodes.object()
        .put("key", s.key(40))
        .put("state", s.conclusion() == CheckConclusion.FAILURE ? "FAILED" : "SUCCESSFUL")
        .put("name", s.name())
        .put("url", url)
        .put("description", s.description());
    rest.json(Call.json("POST",
        api(repoPath + "/commit/" + Links.segment(s.sha()) + "/statuses/build"), JsonNodes.bytes(body),
        "set build status '" + s.name() + "' of commit " + s.sha() + " in " + settings.repo(),
        "scope 'repository:write'"));
    return new StatusOutcome(CheckResult.Kind.COMMIT_STATUS, s.key(40), url, false);
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

  @Override
  public Set<MergeMethod> autoMergeMethods() {
    return EnumSet.noneOf(MergeMethod.class);
  }

  @Override
  protected String autoMergeRefusal(MergeMethod method) {
    return "Bitbucket Cloud's REST API has no auto-merge: leave out --" + method.id()
        + " and merge the pull request once its checks pass";
  }

  /** Pages through the open pull requests ({@code state=OPEN}), matching both branch names. */
  @Override
  public Optional<PullRequest> findPullRequest(String headBranch, String baseBranch)
      throws ForgeException {
    URI next = api(repoPath + "/pullrequests?state=OPEN&pagelen=50");
    int pages = 0;
    while (next != null && pages++ < 200) {
      JsonNode page = rest.json(Call.of("GET", next, "list the open pull requests of "
          + settings.repo(), "scope 'pullrequest'"));
      for (JsonNode pr : page.path("values")) {
        if (headBranch.equals(JsonNodes.text(pr, "source", "branch", "name"))
            && baseBranch.equals(JsonNodes.text(pr, "destination", "branch", "name"))) {
          return Optional.of(pull(pr));
        }
      }
      String n = JsonNodes.text(page, "next");
      next = n.isEmpty() ? null : URI.create(n);
    }
    return Optional.empty();
  }

  @Override
  protected PullRequest createPull(PullRequestRequest req, String body) throws ForgeException {
    ObjectNode json = JsonNodes.object().put("title", req.title()).put("description", body);
    json.putObject("source").putObject("branch").put("name", req.headBranch());
    json.putObject("destination").putObject("branch").put("name", req.baseBranch());
    return pull(rest.json(Call.json("POST", api(repoPath + "/pullrequests"), JsonNodes.bytes(json),
        "open a pull request from " + req.headBranch() + " into " + req.baseBranch() + " in "
            + settings.repo(), "scope 'pullrequest:write'")));
  }

  @Override
  protected PullRequest updatePull(PullRequest pr, String title, String body)
      throws ForgeException {
    ObjectNode json = JsonNodes.object().put("title", title).put("description", body);
    return pull(rest.json(Call.json("PUT", api(repoPath + "/pullrequests/" + pr.number()),
        JsonNodes.bytes(json), "update " + describePull(pr.number()), "scope 'pullrequest:write'")));
  }

  @Override
  public AutoMergeResult enableAutoMerge(long number, MergeMethod method) throws ForgeException {
    requireAutoMerge(method);
    throw new IllegalStateException("unreachable: Bitbucket Cloud has no auto-merge");
  }

  private static PullRequest pull(JsonNode pr) {
    return new PullRequest(pr.path("id").asLong(), JsonNodes.text(pr, "links", "html", "href"),
        JsonNodes.text(pr, "source", "branch", "name"), JsonNodes.text(pr, "destination", "branch", "name"),
        JsonNodes.text(pr, "title"));
  }

  /** {@code https://bitbucket.org} for the public API. */
  String webBase() {
    URI api = settings.apiBase();
    String host = api.getHost().startsWith("api.") ? api.getHost().substring(4) : api.getHost();
    return api.getScheme() + "://" + host + (api.getPort() > 0 ? ":" + api.getPort() : "");
  }

  private String commentsPath(CommentTarget t) {
    switch (t.kind()) {
      case COMMIT:
        return repoPath + "/commit/" + Links.segment(t.ref()) + "/comments";
      case ISSUE:
        return repoPath + "/issues/" + t.ref() + "/comments";
      default:
        return repoPath + "/pullrequests/" + t.ref() + "/comments";
    }
  }

  private static byte[] content(String body) {
    ObjectNode json = JsonNodes.object();
    json.putObject("content").put("raw", body);
    return JsonNodes.bytes(json);
  }

  private static RemoteComment comment(JsonNode c) {
    return new RemoteComment(
        c.path("id").asText(),
        JsonNodes.text(c, "content", "raw"),
        JsonNodes.text(c, "user", "uuid"),
        JsonNodes.text(c, "links", "html", "href"));
  }

}
