package dev.cairn.forge.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeServerException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.ForgeValidationException;
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
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The GitLab client. Notes are listed oldest first ({@code sort=asc&order_by=created_at}), 100 a
 * page, following {@code X-Next-Page} or the {@code Link} header; system notes are skipped. Checks
 * are commit statuses ({@code POST /projects/:id/statuses/:sha}) with the report as a note; pull
 * requests are merge requests, auto-merge is "merge when the pipeline succeeds".
 */
public final class GitLabClient extends CommentingClient {
  /** GitLab's note body limit (characters). */
  static final int MAX_BODY = 1_000_000;

  private static final String PERMISSION =
      "scope 'api' and at least the Reporter role on the project (CI_JOB_TOKEN cannot post"
          + " notes: use a project or personal access token)";

  private final String projectPath;
  private String webUrl;

  private GitLabClient(ForgeSettings settings, RestClient rest) {
    super(settings, rest);
    this.projectPath = "/projects/" + Links.segment(settings.repo());
  }

  /** A client for {@code settings}; makes no request yet. */
  public static GitLabClient create(ForgeSettings settings) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "application/json");
    h.put("PRIVATE-TOKEN", settings.token().reveal());
    return new GitLabClient(settings, RestClient.forForge(settings, h,
        "use a personal, project or group access token with scope 'api'"));
  }

  @Override
  protected int maxBodyLength() {
    return MAX_BODY;
  }

  @Override
  protected boolean canEdit(CommentTarget target) {
    return target.kind() != CommentTarget.Kind.COMMIT;
  }

  @Override
  protected OptionalLong findOpenPullRequest(String sha) throws ForgeException {
    Call call =
        Call.of(
            "GET",
            api(projectPath + "/repository/commits/" + Links.segment(sha) + "/merge_requests"),
            "list the merge requests of commit " + sha + " in " + settings.repo(),
            PERMISSION);
    for (JsonNode mr : rest.json(call)) {
      if ("opened".equals(JsonNodes.text(mr, "state"))) {
        return OptionalLong.of(mr.path("iid").asLong());
      }
    }
    return OptionalLong.empty();
  }

  @Override
  protected List<RemoteComment> list(CommentTarget t) throws ForgeException {
    String base = notesPath(t);
    List<RemoteComment> out = new ArrayList<>();
    Optional<URI> next = Optional.of(api(base + "?sort=asc&order_by=created_at&per_page=100"));
    int pages = 0;
    while (next.isPresent() && pages++ < 1000) {
      Call call = Call.of("GET", next.get(), "list the notes of " + describe(t), PERMISSION);
      Response r = rest.send(call);
      for (JsonNode n : rest.parse(call, r)) {
        if (!n.path("system").asBoolean(false)) {
          out.add(note(t, n));
        }
      }
      next = Links.next(r.header("link"));
      if (next.isEmpty()) {
        Optional<String> page = r.header("x-next-page").filter(p -> !p.isBlank());
        if (page.isPresent()) {
          next = Optional.of(api(base + "?sort=asc&order_by=created_at&per_page=100&page="
              + Links.segment(page.get().trim())));
        }
      }
    }
    return out;
  }

  @Override
  protected RemoteComment post(CommentTarget t, String body) throws ForgeException {
    if (t.kind() == CommentTarget.Kind.COMMIT) {
      ObjectNode json = JsonNodes.object().put("note", body);
      JsonNode c =
          rest.json(
              Call.json(
                  "POST",
                  api(projectPath + "/repository/commits/" + Links.segment(t.ref()) + "/comments"),
                  JsonNodes.bytes(json),
                  "comment on " + describe(t),
                  PERMISSION));
      return new RemoteComment("", JsonNodes.text(c, "note"), JsonNodes.text(c, "author", "username"),
          webUrl() + "/-/commit/" + t.ref());
    }
    ObjectNode json = JsonNodes.object().put("body", body);
    return note(
        t,
        rest.json(
            Call.json("POST", api(notesPath(t)), JsonNodes.bytes(json), "comment on " + describe(t),
                PERMISSION)));
  }

  @Override
  protected RemoteComment edit(CommentTarget t, RemoteComment c, String body)
      throws ForgeException {
    ObjectNode json = JsonNodes.object().put("body", body);
    return note(
        t,
        rest.json(
            Call.json(
                "PUT",
                api(notesPath(t) + "/" + Links.segment(c.id())),
                JsonNodes.bytes(json),
                "update note " + c.id() + " on " + describe(t),
                PERMISSION)));
  }

  @Override
  protected Set<String> whoAmI() throws ForgeException {
    JsonNode u = rest.json(Call.of("GET", api("/user"), "look up the token's user", PERMISSION));
    return Set.of(JsonNodes.text(u, "username"));
  }

  /**
   * Uploads to the project ({@code POST /projects/:id/uploads}); the returned {@code /uploads/...}
   * path is relative to the project and renders in its notes with the project's visibility.
   */
  @Override
  public ImageLink uploadImage(CommentTarget target, ImageAsset image) throws ForgeException {
    Multipart m = Multipart.file("file", image.safeFileName(), image.mediaType(), image.content());
    Call call =
        new Call(
            "POST",
            api(projectPath + "/uploads"),
            m.contentType(),
            m.body(),
            "upload image " + image.fileName() + " to " + settings.repo(),
            "scope 'api' and at least the Developer role",
            Set.of());
    JsonNode r = rest.json(call);
    String url = JsonNodes.text(r, "url");
    if (url.isEmpty()) {
      throw new ForgeServerException(
          "GitLab accepted image " + image.fileName() + " but returned no URL for it", 0, null);
    }
    return ImageLink.of(url, image.fileName());
  }

  // ---------------------------------------------------------------- checks

  /**
   * {@code POST /projects/:id/statuses/:sha} with state {@code success} or {@code failed}. GitLab
   * refuses to set a status to the state it already has ("Cannot transition status"): that rerun
   * leaves the status as it is.
   */
  @Override
  protected StatusOutcome postStatus(StatusUpdate s) throws ForgeException {
    ObjectNode body = JsonNodes.object()
        .put("state", s.conclusion() == CheckConclusion.FAILURE ? "failed" : "success")
        .put("name", s.name())
        .put("description", s.description());
    if (!s.targetUrl().isEmpty()) {
      body.put("target_url", s.targetUrl());
    }
    try {
      JsonNode r = rest.json(Call.json("POST",
          api(projectPath + "/statuses/" + Links.segment(s.sha())), JsonNodes.bytes(body),
          "set status '" + s.name() + "' of commit " + s.sha() + " in " + settings.repo(),
          "scope 'api' and at least the Developer role"));
      return new StatusOutcome(CheckResult.Kind.COMMIT_STATUS, r.path("id").asText(),
          s.targetUrl(), false);
    } catch (ForgeValidationException e) {
      if (e.getMessage().contains("Cannot transition status")) {
        return new StatusOutcome(CheckResult.Kind.COMMIT_STATUS, "", s.targetUrl(), true);
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- merge requests

  @Override
  protected int maxDescriptionLength() {
    return MAX_BODY;
  }

  @Override
  public Set<MergeMethod> autoMergeMethods() {
    return EnumSet.of(MergeMethod.MERGE, MergeMethod.SQUASH);
  }

  @Override
  protected String autoMergeRefusal(MergeMethod method) {
    return "GitLab cannot choose rebase for one merge request: the project's merge method"
        + " (Settings > Merge requests, e.g. fast-forward) decides; use --merge or --squash";
  }

  @Override
  public Optional<PullRequest> findPullRequest(String headBranch, String baseBranch)
      throws ForgeException {
    String base = projectPath + "/merge_requests";
    String query = "?state=opened&source_branch=" + Links.segment(headBranch) + "&target_branch="
        + Links.segment(baseBranch) + "&per_page=100";
    Optional<URI> next = Optional.of(api(base + query));
    int pages = 0;
    while (next.isPresent() && pages++ < 100) {
      Call call = Call.of("GET", next.get(), "list the open merge requests of " + settings.repo(),
          PERMISSION);
      Response r = rest.send(call);
      for (JsonNode mr : rest.parse(call, r)) {
        if (headBranch.equals(JsonNodes.text(mr, "source_branch"))
            && baseBranch.equals(JsonNodes.text(mr, "target_branch"))) {
          return Optional.of(mergeRequest(mr));
        }
      }
      next = Links.next(r.header("link"));
      if (next.isEmpty()) {
        Optional<String> page = r.header("x-next-page").filter(p -> !p.isBlank());
        if (page.isPresent()) {
          next = Optional.of(api(base + query + "&page=" + Links.segment(page.get().trim())));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  protected PullRequest createPull(PullRequestRequest req, String body) throws ForgeException {
    ObjectNode json = JsonNodes.object()
        .put("source_branch", req.headBranch())
        .put("target_branch", req.baseBranch())
        .put("title", req.title())
        .put("description", body);
    if (!req.labels().isEmpty()) {
      json.put("labels", String.join(",", req.labels()));
    }
    return mergeRequest(rest.json(Call.json("POST", api(projectPath + "/merge_requests"),
        JsonNodes.bytes(json), "open a merge request from " + req.headBranch() + " into "
            + req.baseBranch() + " in " + settings.repo(), PERMISSION)));
  }

  @Override
  protected PullRequest updatePull(PullRequest pr, String title, String body)
      throws ForgeException {
    ObjectNode json = JsonNodes.object().put("title", title).put("description", body);
    return mergeRequest(rest.json(Call.json("PUT",
        api(projectPath + "/merge_requests/" + pr.number()), JsonNodes.bytes(json),
        "update " + describePull(pr.number()), PERMISSION)));
  }

  @Override
  protected void addLabels(PullRequest pr, List<String> labels) throws ForgeException {
    ObjectNode json = JsonNodes.object().put("add_labels", String.join(",", labels));
    rest.json(Call.json("PUT", api(projectPath + "/merge_requests/" + pr.number()),
        JsonNodes.bytes(json), "label " + describePull(pr.number()), PERMISSION));
  }

  /**
   * {@code PUT .../merge_requests/:iid/merge} with {@code merge_when_pipeline_succeeds} (and
   * {@code squash}); GitLab's refusals (405 not mergeable now, 406 conflicts, 409 head moved)
   * become one line with GitLab's words.
   */
  @Override
  public AutoMergeResult enableAutoMerge(long number, MergeMethod method) throws ForgeException {
    requireAutoMerge(method);
    ObjectNode json = JsonNodes.object()
        .put("merge_when_pipeline_succeeds", true)
        .put("squash", method == MergeMethod.SQUASH);
    Call call = Call.json("PUT", api(projectPath + "/merge_requests/" + number + "/merge"),
        JsonNodes.bytes(json), "set " + describePull(number) + " to merge when the pipeline succeeds",
        "at least the Developer role, allowed to merge into the target branch")
        .passing(405, 406, 409);
    Response r = rest.send(call);
    if (!r.ok()) {
      String why = r.status() == 406 ? "it has conflicts" : r.status() == 409
          ? "its source branch moved meanwhile" : "GitLab cannot merge it now";
      throw new ForgeUsageException(rest.redact("GitLab refused to " + call.action() + " (HTTP "
          + r.status() + serverWords(r) + "): " + why + "; check the merge request's state"),
          r.status(), null);
    }
    JsonNode mr = rest.parse(call, r);
    if ("merged".equals(JsonNodes.text(mr, "state"))) {
      return new AutoMergeResult(method, AutoMergeResult.State.MERGED,
          "GitLab: merged at once" + (method == MergeMethod.SQUASH ? ", squashed" : ""));
    }
    return new AutoMergeResult(method, AutoMergeResult.State.ENABLED,
        "GitLab: merge when the pipeline succeeds" + (method == MergeMethod.SQUASH
            ? ", squashed" : ""));
  }

  private static String serverWords(Response r) {
    String m = RestClient.serverMessage(r);
    return m.isEmpty() ? "" : ": " + m;
  }

  private static PullRequest mergeRequest(JsonNode mr) {
    return new PullRequest(mr.path("iid").asLong(), JsonNodes.text(mr, "web_url"),
        JsonNodes.text(mr, "source_branch"), JsonNodes.text(mr, "target_branch"), JsonNodes.text(mr, "title"));
  }

  private String notesPath(CommentTarget t) {
    String what = t.kind() == CommentTarget.Kind.ISSUE ? "/issues/" : "/merge_requests/";
    return projectPath + what + t.ref() + "/notes";
  }

  private RemoteComment note(CommentTarget t, JsonNode n) throws ForgeException {
    String id = n.path("id").asText();
    String kind = t.kind() == CommentTarget.Kind.ISSUE ? "/-/issues/" : "/-/merge_requests/";
    return new RemoteComment(
        id, JsonNodes.text(n, "body"), JsonNodes.text(n, "author", "username"),
        webUrl() + kind + t.ref() + "#note_" + id);
  }

  /** The project's web address: from the API base and path, or asked once for numeric ids. */
  private synchronized String webUrl() throws ForgeException {
    if (webUrl == null) {
      if (settings.repo().matches("[0-9]+")) {
        webUrl =
            JsonNodes.text(
                rest.json(Call.of("GET", api(projectPath), "look up project " + settings.repo(),
                    PERMISSION)),
                "web_url");
      } else {
        String api = settings.apiBase().toString();
        String host = api.endsWith("/api/v4") ? api.substring(0, api.length() - 7) : api;
        webUrl = host + "/" + settings.repo();
      }
    }
    return webUrl;
  }

}
