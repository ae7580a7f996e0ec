package dev.cairn.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeServerException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequest;
import dev.cairn.forge.PullRequestRequest;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Gitea/Forgejo client. Checks are commit statuses with the report as a pull request comment;
 * labels are set by id (looked up by name, never created); auto-merge is a merge with {@code
 * merge_when_checks_succeed}.
 */
public final class GiteaClient extends CommentingClient {
  /** A conservative body limit; Gitea stores comments as long text. */
  static final int MAX_BODY = 1_000_000;

  /**
   * Authors of comments made with an Actions job token, which cannot read {@code GET /user}:
   * Gitea's and Forgejo's Actions bots.
   */
  static final Set<String> ACTIONS_BOTS = Set.of("gitea-actions", "forgejo-actions");

  private static final String PERMISSION =
      "scope 'write:issue' (in Actions: permissions 'issues: write' or 'pull-requests: write')";
  private static final String PULL_PERMISSION =
      "scope 'write:repository' (in Actions: permission 'pull-requests: write')";
  private static final int PAGE = 50;

  private final String repoPath;
  private Map<String, Long> labelIds;

  private GiteaClient(ForgeSettings settings, RestClient rest) {
    super(settings, rest);
    this.repoPath = "/repos/" + Links.path(settings.repo());
  }

  /** A client for {@code settings}; makes no request yet. */
  public static GiteaClient create(ForgeSettings settings) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "application/json");
    h.put("Authorization", "token " + settings.token().reveal());
    return new GiteaClient(settings, RestClient.forForge(settings, h,
        "use the job's GITEA_TOKEN or an access token with scope 'write:issue'"));
  }

  @Override
  protected int maxBodyLength() {
    return MAX_BODY;
  }

  @Override
  public CommentTarget resolveTarget(CommentTarget target) throws ForgeException {
    CommentTarget t = super.resolveTarget(target);
    if (t.kind() == CommentTarget.Kind.COMMIT) {
      throw new ForgeUsageException(
          "Gitea has no commit comments, and no open pull request of " + settings.repo()
              + " was found for target '" + target + "': run on a pull request, or pass"
              + " pr/<number> or issue/<number>");
    }
    return t;
  }

  /** Pages through the open pull requests, matching {@code head.sha}. */
  @Override
  protected OptionalLong findOpenPullRequest(String sha) throws ForgeException {
    for (int page = 1; page <= 100; page++) {
      JsonNode prs =
          rest.json(
              Call.of(
                  "GET",
                  api(repoPath + "/pulls?state=open&page=" + page + "&limit=" + PAGE),
                  "list the open pull requests of " + settings.repo(),
                  PERMISSION));
      for (JsonNode pr : prs) {
        if (sha.equalsIgnoreCase(JsonNodes.text(pr, "head", "sha"))) {
          return OptionalLong.of(pr.path("number").asLong());
        }
      }
      if (prs.size() < PAGE) {
        break;
      }
    }
    return OptionalLong.empty();
  }

  /**
   * {@code GET /repos/{o}/{r}/issues/{index}/comments} returns every comment of the issue in one
   * answer (it takes no page parameters).
   */
  @Override
  protected List<RemoteComment> list(CommentTarget t) throws ForgeException {
    Call call =
        Call.of("GET", api(repoPath + "/issues/" + t.ref() + "/comments"),
            "list the comments of " + describe(t), PERMISSION);
    List<RemoteComment> out = new ArrayList<>();
    for (JsonNode c : rest.json(call)) {
      out.add(comment(c));
    }
    return out;
  }

  @Override
  protected RemoteComment post(CommentTarget t, String body) throws ForgeException {
    ObjectNode json = JsonNodes.object().put("body", body);
    return comment(
        rest.json(
            Call.json("POST", api(repoPath + "/issues/" + t.ref() + "/comments"), JsonNodes.bytes(json),
                "comment on " + describe(t), PERMISSION)));
  }

  @Override
  protected RemoteComment edit(CommentTarget t, RemoteComment c, String body)
      throws ForgeException {
    ObjectNode json = JsonNodes.object().put("body", body);
    return comment(
        rest.json(
            Call.json("PATCH", api(repoPath + "/issues/comments/" + Links.segment(c.id())),
                JsonNodes.bytes(json), "update comment " + c.id() + " on " + describe(t),
                PERMISSION)));
  }

  @Override
  protected Set<String> whoAmI() throws ForgeException {
    Call call = Call.of("GET", api("/user"), "look up the token's user", PERMISSION).passing(403);
    Response r = rest.send(call);
    if (r.status() == 403) {
      return ACTIONS_BOTS;
    }
    String login = JsonNodes.text(rest.parse(call, r), "login");
    return login.isEmpty() ? ACTIONS_BOTS : Set.of(login);
  }

  /**
   * Attaches the image to the pull request or issue ({@code POST
   * /repos/{o}/{r}/issues/{index}/assets}, field {@code attachment}) and links its {@code
   * browser_download_url}, which has the repository's visibility.
   */
  @Override
  public ImageLink uploadImage(CommentTarget target, ImageAsset image) throws ForgeException {
    CommentTarget t = resolveTarget(target);
    Multipart m =
        Multipart.file("attachment", image.safeFileName(), image.mediaType(), image.content());
    Call call =
        new Call(
            "POST",
            api(repoPath + "/issues/" + t.ref() + "/assets"),
            m.contentType(),
            m.body(),
            "attach image " + image.fileName() + " to " + describe(t),
            PERMISSION,
            Set.of());
    String url = JsonNodes.text(rest.json(call), "browser_download_url");
    if (url.isEmpty()) {
      throw new ForgeServerException(
          "Gitea accepted image " + image.fileName() + " but returned no download URL", 0, null);
    }
    return ImageLink.of(url, image.fileName());
  }

  // ---------------------------------------------------------------- checks

  /** {@code POST /repos/{o}/{r}/statuses/{sha}} with state {@code success} or {@code failure}. */
  @Override
  protected StatusOutcome postStatus(StatusUpdate s) throws ForgeException {
    ObjectNode body = JsonNodes.object()
        .put("state", s.conclusion() == CheckConclusion.FAILURE ? "failure" : "success")
        .put("context", s.name())
        .put("description", s.description());
    if (!s.targetUrl().isEmpty()) {
      body.put("target_url", s.targetUrl());
    }
    JsonNode r = rest.json(Call.json("POST", api(repoPath + "/statuses/" + Links.segment(s.sha())),
        JsonNodes.bytes(body), "set status '" + s.name() + "' of commit " + s.sha() + " in "
            + settings.repo(),
        "scope 'write:repository' (in Actions: permission 'statuses: write')"));
    return new StatusOutcome(CheckResult.Kind.COMMIT_STATUS, r.path("id").asText(),
        s.targetUrl(), false);
  }

  // ---------------------------------------------------------------- pull requests

  @Override
  protected int maxDescriptionLength() {
    return MAX_BODY;
  }

  @Override
  public Set<MergeMethod> autoMergeMethods() {
    return EnumSet.allOf(MergeMethod.class);
  }

  /** Pages through the open pull requests, matching head and base branch names. */
  @Override
  public Optional<PullRequest> findPullRequest(String headBranch, String baseBranch)
      throws ForgeException {
    for (int page = 1; page <= 100; page++) {
      JsonNode prs = rest.json(Call.of("GET",
          api(repoPath + "/pulls?state=open&page=" + page + "&limit=" + PAGE),
          "list the open pull requests of " + settings.repo(), PERMISSION));
      for (JsonNode pr : prs) {
        if (headBranch.equals(JsonNodes.text(pr, "head", "ref"))
            && baseBranch.equals(JsonNodes.text(pr, "base", "ref"))) {
          return Optional.of(pull(pr));
        }
      }
      if (prs.size() < PAGE) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Looks every label up by name ({@code GET /repos/{o}/{r}/labels}); Gitea needs their ids. */
  @Override
  protected synchronized void checkLabels(List<String> labels) throws ForgeException {
    if (labels.isEmpty()) {
      return;
    }
    if (labelIds == null) {
      Map<String, Long> ids = new LinkedHashMap<>();
      for (int page = 1; page <= 100; page++) {
        JsonNode ls = rest.json(Call.of("GET",
            api(repoPath + "/labels?page=" + page + "&limit=" + PAGE),
            "list the labels of " + settings.repo(), PERMISSION));
        for (JsonNode l : ls) {
          ids.putIfAbsent(JsonNodes.text(l, "name"), l.path("id").asLong());
        }
        if (ls.size() < PAGE) {
          break;
        }
      }
      labelIds = ids;
    }
    List<String> missing = new ArrayList<>();
    for (String l : labels) {
      if (!labelIds.containsKey(l)) {
        missing.add(l);
      }
    }
    if (!missing.isEmpty()) {
      throw new ForgeUsageException("Gitea sets only existing labels, and " + settings.repo()
          + " has no label " + String.join(", ", missing) + ": create it in the repository's"
          + " labels first, or leave it out");
    }
  }

  private ArrayNode labelArray(ObjectNode json, List<String> labels) {
    ArrayNode a = json.putArray("labels");
    for (String l : labels) {
      a.add(labelIds.get(l));
    }
    return a;
  }

  @Override
  protected PullRequest createPull(PullRequestRequest req, String body) throws ForgeException {
    ObjectNode json = JsonNodes.object()
        .put("head", req.headBranch())
        .put("base", req.baseBranch())
        .put("title", req.title())
        .put("body", body);
    if (!req.labels().isEmpty()) {
      labelArray(json, req.labels());
    }
    return pull(rest.json(Call.json("POST", api(repoPath + "/pulls"), JsonNodes.bytes(json),
        "open a pull request from " + req.headBranch() + " into " + req.baseBranch() + " in "
            + settings.repo(), PULL_PERMISSION)));
  }

  @Override
  protected PullRequest updatePull(PullRequest pr, String title, String body)
      throws ForgeException {
    ObjectNode json = JsonNodes.object().put("title", title).put("body", body);
    return pull(rest.json(Call.json("PATCH", api(repoPath + "/pulls/" + pr.number()),
        JsonNodes.bytes(json), "update " + describePull(pr.number()), PULL_PERMISSION)));
  }

  @Override
  protected void addLabels(PullRequest pr, List<String> labels) throws ForgeException {
    ObjectNode json = JsonNodes.object();
    labelArray(json, labels);
    rest.json(Call.json("POST", api(repoPath + "/issues/" + pr.number() + "/labels"),
        JsonNodes.bytes(json), "label " + describePull(pr.number()), PULL_PERMISSION));
  }

  /**
   * {@code POST /repos/{o}/{r}/pulls/{index}/merge} with {@code merge_when_checks_succeed}; Gitea
   * merges at once when nothing is pending, so the pull request is read back to tell.
   */
  @Override
  public AutoMergeResult enableAutoMerge(long number, MergeMethod method) throws ForgeException {
    requireAutoMerge(method);
    ObjectNode json = JsonNodes.object()
        .put("Do", method.id())
        .put("merge_when_checks_succeed", true);
    Call call = Call.json("POST", api(repoPath + "/pulls/" + number + "/merge"), JsonNodes.bytes(json),
        "schedule the merge (" + method.id() + ") of " + describePull(number),
        "scope 'write:repository' and the right to merge into the base branch")
        .passing(405, 409);
    Response r = rest.send(call);
    if (!r.ok()) {
      String words = RestClient.serverMessage(r);
      throw new ForgeUsageException(rest.redact("Gitea refused to " + call.action() + " (HTTP "
          + r.status() + (words.isEmpty() ? "" : ": " + words) + "): "
          + (r.status() == 409 ? "it has conflicts or its branch moved" : "it cannot be merged"
              + " now (closed, work in progress, or the merge style is not allowed)")
          + "; check the pull request"), r.status(), null);
    }
    JsonNode pr = rest.json(Call.of("GET", api(repoPath + "/pulls/" + number),
        "look up " + describePull(number), PERMISSION));
    if (pr.path("merged").asBoolean(false)) {
      return new AutoMergeResult(method, AutoMergeResult.State.MERGED,
          "Gitea: nothing to wait for, merged by " + method.id());
    }
    return new AutoMergeResult(method, AutoMergeResult.State.ENABLED,
        "Gitea: merge (" + method.id() + ") when the checks succeed");
  }

  private static PullRequest pull(JsonNode pr) {
    return new PullRequest(pr.path("number").asLong(), JsonNodes.text(pr, "html_url"),
        JsonNodes.text(pr, "head", "ref"), JsonNodes.text(pr, "base", "ref"), JsonNodes.text(pr, "title"));
  }

  private static RemoteComment comment(JsonNode c) {
    return new RemoteComment(
        c.path("id").asText(), JsonNodes.text(c, "body"), JsonNodes.text(c, "user", "login"),
        JsonNodes.text(c, "html_url"));
  }

}
