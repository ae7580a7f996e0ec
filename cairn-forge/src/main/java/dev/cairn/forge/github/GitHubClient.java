package dev.cairn.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgePermissionException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeValidationException;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.internal.Call;
import dev.cairn.forge.internal.CommentingClient;
import dev.cairn.forge.internal.JsonNodes;
import dev.cairn.forge.internal.Links;
import dev.cairn.forge.internal.RemoteComment;
import dev.cairn.forge.internal.Response;
import dev.cairn.forge.internal.RestClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
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
 * {@code Link} header with {@code per_page=100}.
 */
public final class GitHubClient extends CommentingClient {
  /** The branch that holds uploaded report images. */
  public static final String ASSETS_BRANCH = "cairn-assets";

  /** GitHub's comment body limit (characters). */
  static final int MAX_BODY = 65_536;

  /** The login of {@code GITHUB_TOKEN} in Actions, which cannot call {@code GET /user}. */
  static final String ACTIONS_BOT = "github-actions[bot]";

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
