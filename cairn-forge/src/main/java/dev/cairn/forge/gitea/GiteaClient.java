package dev.cairn.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeServerException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.internal.Call;
import dev.cairn.forge.internal.CommentingClient;
import dev.cairn.forge.internal.JsonNodes;
import dev.cairn.forge.internal.Links;
import dev.cairn.forge.internal.Multipart;
import dev.cairn.forge.internal.RemoteComment;
import dev.cairn.forge.internal.Response;
import dev.cairn.forge.internal.RestClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** The Gitea/Forgejo client. */
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
  private static final int PAGE = 50;

  private final String repoPath;

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

  private static RemoteComment comment(JsonNode c) {
    return new RemoteComment(
        c.path("id").asText(), JsonNodes.text(c, "body"), JsonNodes.text(c, "user", "login"),
        JsonNodes.text(c, "html_url"));
  }

}
