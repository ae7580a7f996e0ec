package dev.cairn.forge.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeServerException;
import dev.cairn.forge.ForgeSettings;
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
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The GitLab client. Notes are listed oldest first ({@code sort=asc&order_by=created_at}), 100 a
 * page, following {@code X-Next-Page} or the {@code Link} header; system notes are skipped.
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
