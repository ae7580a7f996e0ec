package dev.cairn.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckAnnotation;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CheckRun;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeNotFoundException;
import dev.cairn.forge.ForgePermissionException;
import dev.cairn.forge.ForgeRateLimitException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.ForgeValidationException;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequest;
import dev.cairn.forge.PullRequestRequest;
import dev.cairn.forge.internal.Bodies;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The GitHub client. Pull request comments go through {@code /issues/{n}/comments} (a PR is an
 * issue), commit comments through {@code /commits/{sha}/comments}; every listing follows the
 * {@code Link} header with {@code per_page=100}. Checks are check runs (Checks API), pull requests
 * the pulls API, auto-merge GraphQL's {@code enablePullRequestAutoMerge}.
 */
public final class GitHubClient extends CommentingClient {
  /** The branch that holds uploaded report images. */
  public static final String ASSETS_BRANCH = "cairn-assets";

  /** GitHub's comment body limit (characters). */
  static final int MAX_BODY = 65_536;

  /** The login of {@code GITHUB_TOKEN} in Actions, which cannot call {@code GET /user}. */
  static final String ACTIONS_BOT = "github-actions[bot]";

  /** A check run's {@code output.summary} limit (characters). */
  static final int MAX_SUMMARY = 65_535;

  /** Annotations per create or update request, as the Checks API requires. */
  static final int ANNOTATIONS_PER_REQUEST = 50;

  private static final String CHECKS_PERMISSION = "permission 'checks: write' (with GITHUB_TOKEN"
      + " or a GitHub App token: personal access tokens cannot create check runs)";
  private static final String PULLS_PERMISSION = "permission 'pull-requests: write'";
  private static final String AUTO_MERGE_MUTATION =
      "mutation($id: ID!, $method: PullRequestMergeMethod!) {"
          + " enablePullRequestAutoMerge(input: {pullRequestId: $id, mergeMethod: $method}) {"
          + " pullRequest { number autoMergeRequest { mergeMethod enabledAt } } } }";

  private final String repoPath;

  private GitHubClient(ForgeSettings settings, RestClient rest) {
    super(settings, rest);
    this.repoPath = "/repos/" + Links.path(settings.repo());
  }

  /** A client for {@code settings}; makes no request yet. */
  public static GitHubClient create(ForgeSettings settings) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "application/vnd.github+json");
    h.put("X-GitHub-Api-Version", "2022-11-28");
    h.put("Authorization", "Bearer " + settings.token().reveal());
    return new GitHubClient(settings, RestClient.forForge(settings, h,
        "use the workflow's GITHUB_TOKEN (permissions: pull-requests: write) or a personal"
            + " access token"));
  }

  @Override
  protected int maxBodyLength() {
    return MAX_BODY;
  }

  @Override
  protected OptionalLong findOpenPullRequest(String sha) throws ForgeException {
    Call call =
        Call.of(
            "GET",
            api(repoPath + "/commits/" + Links.segment(sha) + "/pulls?per_page=100"),
            "list the pull requests of commit " + sha + " in " + settings.repo(),
            "permission 'pull-requests: read'");
    JsonNode prs = rest.json(call);
    for (JsonNode pr : prs) {
      if ("open".equals(JsonNodes.text(pr, "state"))) {
        return OptionalLong.of(pr.path("number").asLong());
      }
    }
    return OptionalLong.empty();
  }

  @Override
  protected List<RemoteComment> list(CommentTarget t) throws ForgeException {
    String path =
        t.kind() == CommentTarget.Kind.COMMIT
            ? repoPath + "/commits/" + Links.segment(t.ref()) + "/comments"
            : repoPath + "/issues/" + t.ref() + "/comments";
    List<RemoteComment> out = new ArrayList<>();
    Optional<URI> next = Optional.of(api(path + "?per_page=100"));
    int pages = 0;
    while (next.isPresent() && pages++ < 1000) {
      Call call =
          Call.of("GET", next.get(), "list the comments of " + describe(t), readPermission(t));
      Response r = rest.send(call);
      for (JsonNode c : rest.parse(call, r)) {
        out.add(comment(c));
      }
      next = Links.next(r.header("link"));
    }
    return out;
  }

  @Override
  protected RemoteComment post(CommentTarget t, String body) throws ForgeException {
    String path =
        t.kind() == CommentTarget.Kind.COMMIT
            ? repoPath + "/commits/" + Links.segment(t.ref()) + "/comments"
            : repoPath + "/issues/" + t.ref() + "/comments";
    ObjectNode json = JsonNodes.object().put("body", body);
    return comment(
        rest.json(
            Call.json(
                "POST", api(path), JsonNodes.bytes(json), "comment on " + describe(t),
                writePermission(t))));
  }

  /**
   * GitHub sometimes refuses to edit a commit comment ("commit_id has been locked", cml#888): a
   * new commit comment is posted instead of failing.
   */
  @Override
  protected boolean createWhenEditFails(CommentTarget t, ForgeException e) {
    boolean locked = e instanceof ForgeValidationException
        || (e instanceof ForgePermissionException
            && e.getMessage().toLowerCase(Locale.ROOT).contains("locked"));
    return t.kind() == CommentTarget.Kind.COMMIT && locked;
  }

  @Override
  protected RemoteComment edit(CommentTarget t, RemoteComment c, String body)
      throws ForgeException {
    return patch(t, c, body);
  }

  private RemoteComment patch(CommentTarget t, RemoteComment c, String body)
      throws ForgeException {
    String path =
        t.kind() == CommentTarget.Kind.COMMIT
            ? repoPath + "/comments/" + c.id()
            : repoPath + "/issues/comments/" + c.id();
    ObjectNode json = JsonNodes.object().put("body", body);
    return comment(
        rest.json(
            Call.json(
                "PATCH", api(path), JsonNodes.bytes(json),
                "update comment " + c.id() + " on " + describe(t), writePermission(t))));
  }

  @Override
  protected Set<String> whoAmI() throws ForgeException {
    Call call =
        Call.of("GET", api("/user"), "look up the token's user", "no extra permission")
            .passing(403);
    Response r = rest.send(call);
    if (r.status() == 403) {
      // GITHUB_TOKEN and other installation tokens cannot read /user; their comments are by the
      // Actions bot.
      return Set.of(ACTIONS_BOT);
    }
    String login = JsonNodes.text(rest.parse(call, r), "login");
    return login.isEmpty() ? Set.of(ACTIONS_BOT) : Set.of(login);
  }

  /**
   * Commits the image to the {@value #ASSETS_BRANCH} branch (created as an orphan branch on first
   * use) under a content-addressed path, and links it through the repository's web UI, so it is
   * visible exactly to those who can see the repository.
   */
  @Override
  public ImageLink uploadImage(CommentTarget target, ImageAsset image) throws ForgeException {
    String path = "reports/" + image.sha256().substring(0, 16) + "-" + image.safeFileName();
    try {
      commitAsset(path, image);
    } catch (ForgeValidationException e) {
      // Another job moved the branch between our read and our update: one more try.
      commitAsset(path, image);
    }
    String url =
        webBase() + "/" + settings.repo() + "/blob/" + ASSETS_BRANCH + "/" + path + "?raw=true";
    return ImageLink.of(url, image.fileName());
  }

  private void commitAsset(String path, ImageAsset image) throws ForgeException {
    String perm = "permission 'contents: write'";
    String what = "store image " + image.fileName() + " on branch " + ASSETS_BRANCH + " of "
        + settings.repo();
    Call getRef =
        Call.of("GET", api(repoPath + "/git/ref/heads/" + ASSETS_BRANCH), what, perm).passing(404);
    Response ref = rest.send(getRef);
    String parent = ref.status() == 404 ? "" : JsonNodes.text(rest.parse(getRef, ref), "object", "sha");
    String baseTree = "";
    if (!parent.isEmpty()) {
      baseTree =
          JsonNodes.text(
              rest.json(Call.of("GET", api(repoPath + "/git/commits/" + parent), what, perm)),
              "tree", "sha");
    }
    ObjectNode blob =
        JsonNodes.object()
            .put("content", Base64.getEncoder().encodeToString(image.content()))
            .put("encoding", "base64");
    String blobSha =
        JsonNodes.text(rest.json(Call.json("POST", api(repoPath + "/git/blobs"), JsonNodes.bytes(blob), what,
            perm)), "sha");
    ObjectNode tree = JsonNodes.object();
    if (!baseTree.isEmpty()) {
      tree.put("base_tree", baseTree);
    }
    tree.putArray("tree")
        .addObject()
        .put("path", path)
        .put("mode", "100644")
        .put("type", "blob")
        .put("sha", blobSha);
    String treeSha =
        JsonNodes.text(rest.json(Call.json("POST", api(repoPath + "/git/trees"), JsonNodes.bytes(tree), what,
            perm)), "sha");
    ObjectNode commit = JsonNodes.object().put("message", "Add report image " + image.fileName())
        .put("tree", treeSha);
    if (parent.isEmpty()) {
      commit.putArray("parents");
    } else {
      commit.putArray("parents").add(parent);
    }
    String commitSha =
        JsonNodes.text(rest.json(Call.json("POST", api(repoPath + "/git/commits"), JsonNodes.bytes(commit),
            what, perm)), "sha");
    if (parent.isEmpty()) {
      ObjectNode create =
          JsonNodes.object().put("ref", "refs/heads/" + ASSETS_BRANCH).put("sha", commitSha);
      rest.json(Call.json("POST", api(repoPath + "/git/refs"), JsonNodes.bytes(create), what, perm));
    } else {
      ObjectNode move = JsonNodes.object().put("sha", commitSha).put("force", false);
      rest.json(Call.json("PATCH", api(repoPath + "/git/refs/heads/" + ASSETS_BRANCH),
          JsonNodes.bytes(move), what, perm));
    }
  }

  // ---------------------------------------------------------------- checks

  /**
   * A check run: updates the latest run of the same name on the commit (when it has no
   * annotations yet, since GitHub only appends them) or creates one; annotations go 50 per
   * request. A token that cannot create check runs (a personal access token: "You must
   * authenticate via a GitHub App") gets a commit status and the report as a comment instead,
   * with a warning.
   */
  @Override
  public CheckResult publishCheck(CheckRun run) throws ForgeException {
    String sha = checkSha(run);
    List<CheckAnnotation> all = run.annotations();
    String title = Bodies.line(run.effectiveTitle(), 255);
    String summary = Bodies.cut(run.summary(), "", MAX_SUMMARY, "GitHub", "Report");
    ObjectNode body = JsonNodes.object()
        .put("name", run.name())
        .put("status", "completed")
        .put("conclusion", run.conclusion().id())
        .put("completed_at",
            settings.retry().clock().instant().truncatedTo(ChronoUnit.SECONDS).toString());
    if (!run.detailsUrl().isEmpty()) {
      body.put("details_url", run.detailsUrl());
    }
    body.set("output", output(title, summary, all.subList(0, Math.min(all.size(),
        ANNOTATIONS_PER_REQUEST))));
    Optional<JsonNode> existing = findCheckRun(sha, run.name());
    JsonNode check = null;
    boolean updated = false;
    if (existing.isPresent()
        && existing.get().path("output").path("annotations_count").asInt(0) == 0) {
      try {
        check = rest.json(Call.json("PATCH",
            api(repoPath + "/check-runs/" + existing.get().path("id").asLong()), JsonNodes.bytes(body),
            "update check run '" + run.name() + "' of commit " + sha + " in " + settings.repo(),
            CHECKS_PERMISSION));
        updated = true;
      } catch (ForgePermissionException | ForgeNotFoundException | ForgeValidationException e) {
        // a run of another app, or gone: create our own below
        check = null;
      }
    }
    if (check == null) {
      body.put("head_sha", sha);
      try {
        check = rest.json(Call.json("POST", api(repoPath + "/check-runs"), JsonNodes.bytes(body),
            "create check run '" + run.name() + "' on commit " + sha + " in " + settings.repo(),
            CHECKS_PERMISSION));
      } catch (ForgePermissionException e) {
        if (!e.getMessage().contains("via a GitHub App")) {
          throw e;
        }
        CheckResult r = super.publishCheck(run);
        List<String> w = new ArrayList<>(r.warnings());
        w.add(0, "GitHub refused a check run for the token from " + settings.token().source()
            + " (only GITHUB_TOKEN and GitHub App tokens can create them): posted a commit status"
            + (r.report().isPresent() ? " and the report as a comment" : "") + " instead");
        return new CheckResult(r.kind(), r.id(), r.url(), r.headSha(), r.conclusion(),
            r.updated(), r.annotations(), r.report(), w);
      }
    }
    long id = check.path("id").asLong();
    for (int from = ANNOTATIONS_PER_REQUEST; from < all.size(); from += ANNOTATIONS_PER_REQUEST) {
      ObjectNode more = JsonNodes.object();
      more.set("output", output(title, summary,
          all.subList(from, Math.min(all.size(), from + ANNOTATIONS_PER_REQUEST))));
      rest.json(Call.json("PATCH", api(repoPath + "/check-runs/" + id), JsonNodes.bytes(more),
          "add annotations to check run '" + run.name() + "' in " + settings.repo(),
          CHECKS_PERMISSION));
    }
    return new CheckResult(CheckResult.Kind.CHECK_RUN, Long.toString(id),
        JsonNodes.text(check, "html_url"), sha, run.conclusion(), updated, all.size(),
        Optional.empty(), List.of());
  }

  private static ObjectNode output(String title, String summary, List<CheckAnnotation> batch) {
    ObjectNode o = JsonNodes.object().put("title", title).put("summary", summary);
    if (!batch.isEmpty()) {
      ArrayNode a = o.putArray("annotations");
      for (CheckAnnotation c : batch) {
        ObjectNode n = a.addObject()
            .put("path", c.path())
            .put("start_line", c.startLine())
            .put("end_line", c.endLine())
            .put("annotation_level", c.level().id())
            .put("message", c.message());
        if (!c.title().isBlank()) {
          n.put("title", Bodies.line(c.title(), 255));
        }
      }
    }
    return o;
  }

  /** The latest check run named {@code name} on {@code sha}, paging through every app's runs. */
  private Optional<JsonNode> findCheckRun(String sha, String name) throws ForgeException {
    Optional<URI> next = Optional.of(api(repoPath + "/commits/" + Links.segment(sha)
        + "/check-runs?check_name=" + Links.segment(name) + "&filter=latest&per_page=100"));
    int pages = 0;
    while (next.isPresent() && pages++ < 100) {
      Call call = Call.of("GET", next.get(), "list the check runs of commit " + sha + " in "
          + settings.repo(), "permission 'checks: read'");
      Response r = rest.send(call);
      for (JsonNode c : rest.parse(call, r).path("check_runs")) {
        if (name.equals(JsonNodes.text(c, "name"))) {
          return Optional.of(c);
        }
      }
      next = Links.next(r.header("link"));
    }
    return Optional.empty();
  }

  /** A commit status ({@code POST /statuses/{sha}}), for tokens that cannot create check runs. */
  @Override
  protected StatusOutcome postStatus(StatusUpdate s) throws ForgeException {
    ObjectNode body = JsonNodes.object()
        .put("state", s.conclusion() == CheckConclusion.FAILURE ? "failure" : "success")
        .put("context", s.name())
        .put("description", Bodies.line(s.description(), 140));
    if (!s.targetUrl().isEmpty()) {
      body.put("target_url", s.targetUrl());
    }
    JsonNode r = rest.json(Call.json("POST", api(repoPath + "/statuses/" + Links.segment(s.sha())),
        JsonNodes.bytes(body), "set status '" + s.name() + "' of commit " + s.sha() + " in "
            + settings.repo(), "permission 'statuses: write'"));
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

  @Override
  public Optional<PullRequest> findPullRequest(String headBranch, String baseBranch)
      throws ForgeException {
    String owner = settings.repo().substring(0, settings.repo().indexOf('/'));
    Optional<URI> next = Optional.of(api(repoPath + "/pulls?state=open&head="
        + Links.segment(owner + ":" + headBranch) + "&base=" + Links.segment(baseBranch)
        + "&per_page=100"));
    int pages = 0;
    while (next.isPresent() && pages++ < 100) {
      Call call = Call.of("GET", next.get(), "list the open pull requests of " + settings.repo(),
          "permission 'pull-requests: read'");
      Response r = rest.send(call);
      for (JsonNode pr : rest.parse(call, r)) {
        if (headBranch.equals(JsonNodes.text(pr, "head", "ref"))
            && baseBranch.equals(JsonNodes.text(pr, "base", "ref"))) {
          return Optional.of(pull(pr));
        }
      }
      next = Links.next(r.header("link"));
    }
    return Optional.empty();
  }

  @Override
  protected PullRequest createPull(PullRequestRequest req, String body) throws ForgeException {
    ObjectNode json = JsonNodes.object()
        .put("title", req.title())
        .put("head", req.headBranch())
        .put("base", req.baseBranch())
        .put("body", body);
    PullRequest pr = pull(rest.json(Call.json("POST", api(repoPath + "/pulls"), JsonNodes.bytes(json),
        "open a pull request from " + req.headBranch() + " into " + req.baseBranch() + " in "
            + settings.repo(), PULLS_PERMISSION)));
    if (!req.labels().isEmpty()) {
      addLabels(pr, req.labels());
    }
    return pr;
  }

  @Override
  protected PullRequest updatePull(PullRequest pr, String title, String body)
      throws ForgeException {
    ObjectNode json = JsonNodes.object().put("title", title).put("body", body);
    return pull(rest.json(Call.json("PATCH", api(repoPath + "/pulls/" + pr.number()),
        JsonNodes.bytes(json), "update " + describePull(pr.number()), PULLS_PERMISSION)));
  }

  @Override
  protected void addLabels(PullRequest pr, List<String> labels) throws ForgeException {
    ObjectNode json = JsonNodes.object();
    ArrayNode a = json.putArray("labels");
    labels.forEach(a::add);
    rest.json(Call.json("POST", api(repoPath + "/issues/" + pr.number() + "/labels"),
        JsonNodes.bytes(json), "label " + describePull(pr.number()),
        "permission 'pull-requests: write' (or 'issues: write')"));
  }

  /**
   * GraphQL {@code enablePullRequestAutoMerge}; a pull request in "clean status" (nothing to wait
   * for) is merged at once through {@code PUT /pulls/{n}/merge}.
   */
  @Override
  public AutoMergeResult enableAutoMerge(long number, MergeMethod method) throws ForgeException {
    requireAutoMerge(method);
    String what = "enable auto-merge (" + method.id() + ") of " + describePull(number);
    JsonNode pr = rest.json(Call.of("GET", api(repoPath + "/pulls/" + number),
        "look up " + describePull(number), "permission 'pull-requests: read'"));
    ObjectNode q = JsonNodes.object().put("query", AUTO_MERGE_MUTATION);
    q.putObject("variables")
        .put("id", JsonNodes.text(pr, "node_id"))
        .put("method", method.name());
    JsonNode answer = rest.json(Call.json("POST", graphql(), JsonNodes.bytes(q), what,
        "permissions 'contents: write' and 'pull-requests: write'"));
    JsonNode errors = answer.path("errors");
    if (errors.isArray() && errors.size() > 0) {
      String type = JsonNodes.text(errors.get(0), "type");
      String message = rest.redact(Bodies.line(JsonNodes.text(errors.get(0), "message"), 300));
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains("clean status")) {
        ObjectNode m = JsonNodes.object().put("merge_method", method.id());
        JsonNode merged = rest.json(Call.json("PUT", api(repoPath + "/pulls/" + number + "/merge"),
            JsonNodes.bytes(m), "merge " + describePull(number), "permission 'contents: write'"));
        return new AutoMergeResult(method, AutoMergeResult.State.MERGED,
            "GitHub: nothing to wait for, merged by " + method.id() + " as "
                + JsonNodes.text(merged, "sha"));
      }
      if (lower.contains("auto merge is not allowed") || lower.contains("auto-merge is not allowed")
          || lower.contains("not allowed for this repository")) {
        throw new ForgeUsageException("Auto-merge is off for " + settings.repo() + " (GitHub: "
            + message + "): turn on 'Allow auto-merge' in the repository's settings, or leave"
            + " out --" + method.id());
      }
      if (type.equals("FORBIDDEN")) {
        throw new ForgePermissionException("GitHub refused to " + what + " (" + message + "): the"
            + " token from " + settings.token().source() + " needs permissions 'contents: write'"
            + " and 'pull-requests: write'", "contents: write", 200, null);
      }
      if (type.equals("RATE_LIMITED")) {
        throw new ForgeRateLimitException("GitHub rate limit hit while trying to " + what + " ("
            + message + "): try again later", 200, null);
      }
      throw new ForgeValidationException("GitHub refused to " + what + " (" + message + ")", 200,
          null);
    }
    String enabled = JsonNodes.text(answer, "data", "enablePullRequestAutoMerge", "pullRequest",
        "autoMergeRequest", "enabledAt");
    return new AutoMergeResult(method, AutoMergeResult.State.ENABLED,
        "GitHub: auto-merge by " + method.id() + " enabled" + (enabled.isEmpty() ? "" : " at "
            + enabled));
  }

  /** {@code https://api.github.com/graphql}, or {@code https://host/api/graphql} for Enterprise. */
  URI graphql() {
    String api = settings.apiBase().toString();
    if (api.endsWith("/api/v3")) {
      return URI.create(api.substring(0, api.length() - "/v3".length()) + "/graphql");
    }
    return URI.create(api + "/graphql");
  }

  private static PullRequest pull(JsonNode pr) {
    return new PullRequest(pr.path("number").asLong(), JsonNodes.text(pr, "html_url"),
        JsonNodes.text(pr, "head", "ref"), JsonNodes.text(pr, "base", "ref"), JsonNodes.text(pr, "title"));
  }

  /** {@code https://github.com} for the public API, {@code https://host} for Enterprise. */
  String webBase() {
    String api = settings.apiBase().toString();
    if (api.equals("https://api.github.com")) {
      return "https://github.com";
    }
    return api.endsWith("/api/v3") ? api.substring(0, api.length() - "/api/v3".length()) : api;
  }

  private static RemoteComment comment(JsonNode c) {
    return new RemoteComment(
        c.path("id").asText(),
        JsonNodes.text(c, "body"),
        JsonNodes.text(c, "user", "login"),
        JsonNodes.text(c, "html_url"));
  }

  private static String writePermission(CommentTarget t) {
    switch (t.kind()) {
      case COMMIT:
        return "permission 'contents: write'";
      case ISSUE:
        return "permission 'issues: write'";
      default:
        return "permission 'pull-requests: write'";
    }
  }

  private static String readPermission(CommentTarget t) {
    return t.kind() == CommentTarget.Kind.COMMIT
        ? "permission 'contents: read'"
        : "permission 'pull-requests: read' (or 'issues: read')";
  }

}
