package dev.cairn.forge.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CheckRun;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeAuthenticationException;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeServerException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequest;
import dev.cairn.forge.PullRequestRequest;
import dev.cairn.forge.internal.Auth;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Azure DevOps (Azure Repos) client, REST API version {@value #API_VERSION}.
 *
 * <ul>
 *   <li><b>Comments</b> are pull request threads: one thread per report, whose first comment is
 *       edited in place ({@code PATCH .../threads/{t}/comments/{c}}) when it carries the marker
 *       and its author is the token's identity ({@code GET {org}/_apis/connectionData}, {@code
 *       authenticatedUser.id}). New threads are posted closed, so a report never holds a merge
 *       back under the "comment resolution" policy. Azure Repos has no commit comments and no
 *       issues: those targets are refused.
 *   <li><b>Checks</b> are a commit status and, when there is a pull request, a pull request status
 *       ({@code succeeded}, {@code failed}, or {@code notApplicable} for neutral), context {@code
 *       cairn/<name>}, with the report as a thread.
 *   <li><b>Pull requests</b> are matched by {@code refs/heads/} source and target; labels are
 *       created as needed; auto-merge is auto-complete set by the token's identity with merge
 *       strategy {@code noFastForward}, {@code squash} or {@code rebase}.
 *   <li><b>Images</b> are pull request attachments ({@code POST
 *       .../pullRequests/{id}/attachments/{name}}), visible to those who can read the repository.
 * </ul>
 *
 * <p>Tokens: a personal access token goes as HTTP Basic with an empty user name, a JSON Web Token
 * (the pipeline's {@code System.AccessToken}) as {@code Bearer}. {@code X-TFS-FedAuthRedirect:
 * Suppress} makes a rejected token answer 401 rather than a sign-in page; a 203 sign-in page is
 * reported as a rejected token all the same.
 */
public final class AzureDevOpsClient extends CommentingClient {
  /** The REST API version sent with every call. */
  static final String API_VERSION = "7.0";

  /** A pull request comment's limit ("Comments can be up to 150,000 characters"). */
  static final int MAX_BODY = 150_000;

  /** A pull request description's limit ("Description (up to 4000 characters)"). */
  static final int MAX_DESCRIPTION = 4_000;

  /** The genre of our statuses' context. */
  static final String GENRE = "cairn";

  private static final String PERMISSION = "scope 'Code (read and write)' (vso.code_write);"
      + " with System.AccessToken, the build service needs 'Contribute to pull requests'";
  private static final String STATUS_PERMISSION = "scope 'Code (status)' (vso.code_status) or"
      + " 'Code (read and write)'";

  private final String org;
  private final String project;
  private final String repoName;
  private String ownId;

  private AzureDevOpsClient(ForgeSettings settings, RestClient rest) {
    super(settings, rest);
    String[] parts = settings.repo().split("/");
    this.org = parts[0];
    this.project = parts[1];
    this.repoName = parts[2];
  }

  /** A client for {@code settings}; makes no request yet. */
  public static AzureDevOpsClient create(ForgeSettings settings) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "application/json");
    h.put("Authorization", Auth.azure(settings.token()));
    h.put("X-TFS-FedAuthRedirect", "Suppress");
    return new AzureDevOpsClient(settings, RestClient.forForge(settings, h,
        "use a personal access token with scope 'Code (read and write)', or map the pipeline's"
            + " token: 'env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)'"));
  }

  /** {@code <base>/<org>/<project>/_apis/git/repositories/<repo><path>?...&api-version=7.0}. */
  private URI git(String pathAndQuery) {
    String sep = pathAndQuery.contains("?") ? "&" : "?";
    return api("/" + Links.segment(org) + "/" + Links.segment(project)
        + "/_apis/git/repositories/" + Links.segment(repoName) + pathAndQuery + sep
        + "api-version=" + API_VERSION);
  }

  /** The repository's web page, {@code https://dev.azure.com/<org>/<project>/_git/<repo>}. */
  String webUrl() {
    return settings.apiBase() + "/" + Links.segment(org) + "/" + Links.segment(project) + "/_git/"
        + Links.segment(repoName);
  }

  /** Sends a call; a 203 sign-in page instead of JSON means the token was not accepted. */
  private Response send(Call call) throws ForgeException {
    Response r = rest.send(call);
    if (r.status() == 203) {
      throw new ForgeAuthenticationException(rest.redact("Azure DevOps answered a sign-in page"
          + " (HTTP 203) instead of JSON while trying to " + call.action() + ": the token from "
          + settings.token().source() + " was not accepted; check that it is valid, not expired,"
          + " and belongs to organization " + org), 203, null);
    }
    return r;
  }

  private JsonNode json(Call call) throws ForgeException {
    return rest.parse(call, send(call));
  }

  // ---------------------------------------------------------------- comments

  @Override
  protected int maxBodyLength() {
    return MAX_BODY;
  }

  @Override
  public CommentTarget resolveTarget(CommentTarget target) throws ForgeException {
    if (target.kind() == CommentTarget.Kind.ISSUE) {
      throw new ForgeUsageException("Azure DevOps has work items, not issues: comment on a pull"
          + " request (pr/<number>) instead of '" + target + "'");
    }
    CommentTarget t = super.resolveTarget(target);
    if (t.kind() == CommentTarget.Kind.COMMIT) {
      throw new ForgeUsageException("Azure Repos has no commit comments, and no active pull"
          + " request of " + settings.repo() + " was found for target '" + target + "': run on a"
          + " pull request, or pass pr/<number>");
    }
    return t;
  }

  /** Pages through the active pull requests, matching the last merged source commit. */
  @Override
  protected OptionalLong findOpenPullRequest(String sha) throws ForgeException {
    for (int skip = 0; skip < 100_000; skip += 100) {
      JsonNode page = json(Call.of("GET",
          git("/pullrequests?searchCriteria.status=active&$top=100&$skip=" + skip),
          "list the active pull requests of " + settings.repo(), PERMISSION));
      JsonNode values = page.path("value");
      for (JsonNode pr : values) {
        if (sha.equalsIgnoreCase(JsonNodes.text(pr, "lastMergeSourceCommit", "commitId"))) {
          return OptionalLong.of(pr.path("pullRequestId").asLong());
        }
      }
      if (values.size() < 100) {
        break;
      }
    }
    return OptionalLong.empty();
  }

  /**
   * The first comment of every thread of the pull request (the threads list is not paged),
   * oldest thread first; deleted threads and comments and system comments are skipped.
   */
  @Override
  protected List<RemoteComment> list(CommentTarget t) throws ForgeException {
    JsonNode threads = json(Call.of("GET", git("/pullRequests/" + t.ref() + "/threads"),
        "list the threads of " + describe(t), PERMISSION)).path("value");
    List<JsonNode> sorted = new ArrayList<>();
    threads.forEach(sorted::add);
    sorted.sort(Comparator.comparingLong(n -> n.path("id").asLong()));
    List<RemoteComment> out = new ArrayList<>();
    for (JsonNode th : sorted) {
      if (th.path("isDeleted").asBoolean(false) || th.path("comments").isEmpty()) {
        continue;
      }
      JsonNode first = th.path("comments").get(0);
      if (first.path("isDeleted").asBoolean(false)
          || "system".equals(JsonNodes.text(first, "commentType"))) {
        continue;
      }
      out.add(comment(t, th.path("id").asLong(), first));
    }
    return out;
  }

  @Override
  protected RemoteComment post(CommentTarget t, String body) throws ForgeException {
    ObjectNode json = JsonNodes.object();
    json.putArray("comments").addObject()
        .put("parentCommentId", 0)
        .put("content", body)
        .put("commentType", "text");
    json.put("status", "closed");
    JsonNode th = json(Call.json("POST", git("/pullRequests/" + t.ref() + "/threads"),
        JsonNodes.bytes(json), "comment on " + describe(t), PERMISSION));
    return comment(t, th.path("id").asLong(), th.path("comments").path(0));
  }

  @Override
  protected RemoteComment edit(CommentTarget t, RemoteComment c, String body)
      throws ForgeException {
    String[] ids = c.id().split("/");
    ObjectNode json = JsonNodes.object().put("content", body);
    JsonNode updated = json(Call.json("PATCH",
        git("/pullRequests/" + t.ref() + "/threads/" + ids[0] + "/comments/" + ids[1]),
        JsonNodes.bytes(json), "update comment " + c.id() + " on " + describe(t), PERMISSION));
    return comment(t, Long.parseLong(ids[0]), updated);
  }

  /** {@code GET <base>/<org>/_apis/connectionData}: the token's identity id. */
  @Override
  protected Set<String> whoAmI() throws ForgeException {
    return Set.of(ownId());
  }

  private synchronized String ownId() throws ForgeException {
    if (ownId == null) {
      JsonNode data = json(Call.of("GET", api("/" + Links.segment(org) + "/_apis/connectionData"),
          "look up the token's identity in organization " + org, PERMISSION));
      String id = JsonNodes.text(data, "authenticatedUser", "id");
      if (id.isEmpty()) {
        throw new ForgeServerException("Azure DevOps did not say whose token this is"
            + " (connectionData has no authenticatedUser.id): check the API URL", 0, null);
      }
      ownId = id;
    }
    return ownId;
  }

  private RemoteComment comment(CommentTarget t, long thread, JsonNode c) {
    return new RemoteComment(thread + "/" + c.path("id").asText(), JsonNodes.text(c, "content"),
        JsonNodes.text(c, "author", "id"),
        webUrl() + "/pullrequest/" + t.ref() + "?discussionId=" + thread);
  }

  /**
   * Attaches the image to the pull request ({@code POST .../pullRequests/{id}/attachments/{name}},
   * raw bytes) under a content-addressed name; an attachment of that name is the same image, so a
   * 409 reuses it.
   */
  @Override
  public ImageLink uploadImage(CommentTarget target, ImageAsset image) throws ForgeException {
    CommentTarget t = resolveTarget(target);
    String name = "cairn-" + image.sha256().substring(0, 16) + "-" + image.safeFileName();
    Call call = new Call("POST", git("/pullRequests/" + t.ref() + "/attachments/"
        + Links.segment(name)), "application/octet-stream", image.content(),
        "attach image " + image.fileName() + " to " + describe(t), PERMISSION, Set.of())
        .passing(409);
    Response r = send(call);
    String url;
    if (r.status() == 409) {
      url = "";
      for (JsonNode a : json(Call.of("GET", git("/pullRequests/" + t.ref() + "/attachments"),
          "list the attachments of " + describe(t), PERMISSION)).path("value")) {
        if (name.equals(JsonNodes.text(a, "displayName"))) {
          url = JsonNodes.text(a, "url");
        }
      }
    } else {
      url = JsonNodes.text(rest.parse(call, r), "url");
    }
    if (url.isEmpty()) {
      throw new ForgeServerException(
          "Azure DevOps accepted image " + image.fileName() + " but returned no URL for it", 0,
          null);
    }
    return ImageLink.of(url, image.fileName());
  }

  // ---------------------------------------------------------------- checks

  /** Azure DevOps has a neutral state ({@code notApplicable}): the title as it is. */
  @Override
  protected String statusDescription(CheckRun run) {
    return Bodies.line(run.effectiveTitle(), MAX_STATUS_DESCRIPTION);
  }

  /**
   * A commit status, and a pull request status when the run's pull request is known (or an active
   * one has the commit as its source head).
   */
  @Override
  protected StatusOutcome postStatus(StatusUpdate s) throws ForgeException {
    ObjectNode body = JsonNodes.object()
        .put("state", switch (s.conclusion()) {
          case SUCCESS -> "succeeded";
          case FAILURE -> "failed";
          case NEUTRAL -> "notApplicable";
        })
        .put("description", s.description());
    if (!s.targetUrl().isEmpty()) {
      body.put("targetUrl", s.targetUrl());
    }
    body.putObject("context").put("name", s.name()).put("genre", GENRE);
    JsonNode commit = json(Call.json("POST", git("/commits/" + Links.segment(s.sha())
        + "/statuses"), JsonNodes.bytes(body), "set status '" + s.name() + "' of commit " + s.sha()
        + " in " + settings.repo(), STATUS_PERMISSION));
    long pr = s.pullRequest() > 0 ? s.pullRequest() : findOpenPullRequest(s.sha()).orElse(0);
    if (pr == 0) {
      return new StatusOutcome(CheckResult.Kind.COMMIT_STATUS, commit.path("id").asText(),
          s.targetUrl(), false);
    }
    JsonNode prStatus = json(Call.json("POST", git("/pullRequests/" + pr + "/statuses"),
        JsonNodes.bytes(body), "set status '" + s.name() + "' of " + describePull(pr),
        STATUS_PERMISSION));
    return new StatusOutcome(CheckResult.Kind.PULL_REQUEST_STATUS, prStatus.path("id").asText(),
        s.targetUrl(), false);
  }

  // ---------------------------------------------------------------- pull requests

  @Override
  protected int maxDescriptionLength() {
    return MAX_DESCRIPTION;
  }

  @Override
  public Set<MergeMethod> autoMergeMethods() {
    return EnumSet.allOf(MergeMethod.class);
  }

  @Override
  public Optional<PullRequest> findPullRequest(String headBranch, String baseBranch)
      throws ForgeException {
    for (int skip = 0; skip < 100_000; skip += 100) {
      JsonNode values = json(Call.of("GET", git("/pullrequests?searchCriteria.sourceRefName="
          + Links.segment("refs/heads/" + headBranch) + "&searchCriteria.targetRefName="
          + Links.segment("refs/heads/" + baseBranch) + "&searchCriteria.status=active&$top=100"
          + "&$skip=" + skip), "list the active pull requests of " + settings.repo(),
          PERMISSION)).path("value");
      for (JsonNode pr : values) {
        if (("refs/heads/" + headBranch).equals(JsonNodes.text(pr, "sourceRefName"))
            && ("refs/heads/" + baseBranch).equals(JsonNodes.text(pr, "targetRefName"))) {
          return Optional.of(pull(pr));
        }
      }
      if (values.size() < 100) {
        break;
      }
    }
    return Optional.empty();
  }

  @Override
  protected PullRequest createPull(PullRequestRequest req, String body) throws ForgeException {
    ObjectNode json = JsonNodes.object()
        .put("sourceRefName", "refs/heads/" + req.headBranch())
        .put("targetRefName", "refs/heads/" + req.baseBranch())
        .put("title", req.title())
        .put("description", body);
    PullRequest pr = pull(json(Call.json("POST", git("/pullrequests"), JsonNodes.bytes(json),
        "open a pull request from " + req.headBranch() + " into " + req.baseBranch() + " in "
            + settings.repo(), PERMISSION)));
    if (!req.labels().isEmpty()) {
      addLabels(pr, req.labels());
    }
    return pr;
  }

  @Override
  protected PullRequest updatePull(PullRequest pr, String title, String body)
      throws ForgeException {
    ObjectNode json = JsonNodes.object().put("title", title).put("description", body);
    return pull(json(Call.json("PATCH", git("/pullrequests/" + pr.number()), JsonNodes.bytes(json),
        "update " + describePull(pr.number()), PERMISSION)));
  }

  /** One {@code POST .../pullRequests/{id}/labels} per label; Azure creates missing tags. */
  @Override
  protected void addLabels(PullRequest pr, List<String> labels) throws ForgeException {
    for (String l : labels) {
      json(Call.json("POST", git("/pullRequests/" + pr.number() + "/labels"),
          JsonNodes.bytes(JsonNodes.object().put("name", l)), "label " + describePull(pr.number())
              + " '" + l + "'", PERMISSION));
    }
  }

  /**
   * Auto-complete ({@code PATCH .../pullrequests/{id}} with {@code autoCompleteSetBy} = the token's
   * identity and {@code completionOptions.mergeStrategy}); Azure DevOps completes the pull request
   * once its policies pass.
   */
  @Override
  public AutoMergeResult enableAutoMerge(long number, MergeMethod method) throws ForgeException {
    requireAutoMerge(method);
    String strategy = switch (method) {
      case MERGE -> "noFastForward";
      case SQUASH -> "squash";
      case REBASE -> "rebase";
    };
    ObjectNode json = JsonNodes.object();
    json.putObject("autoCompleteSetBy").put("id", ownId());
    json.putObject("completionOptions").put("mergeStrategy", strategy)
        .put("deleteSourceBranch", false);
    JsonNode pr = json(Call.json("PATCH", git("/pullrequests/" + number), JsonNodes.bytes(json),
        "set " + describePull(number) + " to auto-complete (" + strategy + ")", PERMISSION));
    if ("completed".equals(JsonNodes.text(pr, "status"))) {
      return new AutoMergeResult(method, AutoMergeResult.State.MERGED,
          "Azure DevOps: completed at once (" + strategy + ")");
    }
    return new AutoMergeResult(method, AutoMergeResult.State.ENABLED,
        "Azure DevOps: auto-complete (" + strategy + ") once the policies pass");
  }

  private PullRequest pull(JsonNode pr) {
    long id = pr.path("pullRequestId").asLong();
    return new PullRequest(id, webUrl() + "/pullrequest/" + id,
        branchName(JsonNodes.text(pr, "sourceRefName")), branchName(JsonNodes.text(pr, "targetRefName")),
        JsonNodes.text(pr, "title"));
  }
}
