package dev.cairn.forge;

import dev.cairn.retry.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link ForgeClient} needs, parsed once at the edge (from {@code cairn.yaml}, flags
 * and {@link dev.cairn.forge.ci.CiEnvironment}). Build with {@link #of} and the {@code with*}
 * methods; every instance is immutable.
 *
 * @param kind the forge
 * @param apiBase the REST API base, e.g. {@code https://api.github.com}, {@code
 *     https://ghe.example.com/api/v3}, {@code https://gitlab.example.com/api/v4}, {@code
 *     https://gitea.example.com/api/v1}, {@code https://dev.azure.com} (Azure DevOps Server: {@code
 *     https://host/tfs}), {@code https://bitbucket.example.com/rest/api/1.0}
 * @param repo {@code owner/name} (GitHub, Gitea), the project path or numeric id (GitLab, where
 *     subgroups are allowed), {@code workspace/slug} (Bitbucket Cloud), {@code PROJECT/slug}
 *     (Bitbucket Server, {@code ~user/slug} for a personal repository) or {@code
 *     organization/project/repository} (Azure DevOps; on a server {@code
 *     collection/project/repository})
 * @param token the credential; never printed
 * @param headSha the commit of the CI run, used by {@code auto}, {@code pr} and {@code commit}
 *     targets; empty if unknown
 * @param pullRequest the pull request of the CI run; {@code 0} if none
 * @param marker the hidden marker written into and looked for in comments
 * @param commentAuthor the login whose marked comments may be edited; empty to ask the forge who
 *     the token belongs to
 * @param timeout per-request time-out
 * @param retry retry and back-off policy
 */
public record ForgeSettings(
    ForgeKind kind,
    URI apiBase,
    String repo,
    Token token,
    String headSha,
    long pullRequest,
    ReportMarker marker,
    String commentAuthor,
    Duration timeout,
    RetryPolicy retry) {

  /** Validates the values; the API base loses any trailing slash. */
  public ForgeSettings {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(apiBase, "apiBase");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(marker, "marker");
    Objects.requireNonNull(commentAuthor, "commentAuthor");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retry, "retry");
    String scheme = apiBase.getScheme();
    if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "Invalid " + kind.displayName() + " API URL '" + apiBase + "': use an http(s) URL");
    }
    if (apiBase.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "The " + kind.displayName() + " API URL must not contain credentials: pass a token");
    }
    String s = apiBase.toString();
    if (s.endsWith("/")) {
      apiBase = URI.create(s.substring(0, s.length() - 1));
    }
    String r = repo.strip();
    if (r.startsWith("/") || r.endsWith("/") || r.isEmpty() || r.contains("..")) {
      throw new IllegalArgumentException("Invalid repository '" + repo + "': use owner/name");
    }
    if (kind == ForgeKind.AZURE_DEVOPS) {
      if (r.split("/", -1).length != 3 || r.contains("//")) {
        throw new IllegalArgumentException("Invalid Azure DevOps repository '" + repo
            + "': use organization/project/repository (collection/project/repository on a"
            + " server)");
      }
    } else if (kind != ForgeKind.GITLAB && (r.split("/", -1).length != 2 || r.contains("//"))) {
      throw new IllegalArgumentException(
          "Invalid " + kind.displayName() + " repository '" + repo + "': use "
              + (kind == ForgeKind.BITBUCKET_SERVER ? "PROJECT/slug" : "owner/name"));
    }
    repo = r;
    if (pullRequest < 0) {
      throw new IllegalArgumentException("Invalid pull request number " + pullRequest);
    }
  }

  /**
   * Settings for the public service of {@code kind} with default marker, time-out (30 s) and
   * retries.
   */
  public static ForgeSettings of(ForgeKind kind, String repo, Token token) {
    return new ForgeSettings(
        kind,
        kind.defaultApiBase(),
        repo,
        token,
        "",
        0,
        ReportMarker.unlabelled(),
        "",
        Duration.ofSeconds(30),
        RetryPolicy.forgeApis());
  }

  /** With another API base (GitHub Enterprise, self-managed GitLab, a Gitea server). */
  public ForgeSettings withApiBase(URI base) {
    return new ForgeSettings(kind, base, repo, token, headSha, pullRequest, marker, commentAuthor, timeout, retry);
  }

  /** With the commit of the CI run. */
  public ForgeSettings withHeadSha(String sha) {
    return new ForgeSettings(kind, apiBase, repo, token, sha, pullRequest, marker, commentAuthor, timeout, retry);
  }

  /** With the pull request of the CI run ({@code 0}: none). */
  public ForgeSettings withPullRequest(long number) {
    return new ForgeSettings(kind, apiBase, repo, token, headSha, number, marker, commentAuthor, timeout, retry);
  }

  /** With another marker (a {@code --watermark-title}-like label). */
  public ForgeSettings withMarker(ReportMarker m) {
    return new ForgeSettings(kind, apiBase, repo, token, headSha, pullRequest, m, commentAuthor, timeout, retry);
  }

  /** With an explicit author login whose marked comments may be edited. */
  public ForgeSettings withCommentAuthor(String login) {
    return new ForgeSettings(kind, apiBase, repo, token, headSha, pullRequest, marker, login, timeout, retry);
  }

  /** With another per-request time-out. */
  public ForgeSettings withTimeout(Duration t) {
    return new ForgeSettings(kind, apiBase, repo, token, headSha, pullRequest, marker, commentAuthor, t, retry);
  }

  /** With another retry policy. */
  public ForgeSettings withRetry(RetryPolicy r) {
    return new ForgeSettings(kind, apiBase, repo, token, headSha, pullRequest, marker, commentAuthor, timeout, r);
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "ForgeSettings[" + kind.displayName() + " " + apiBase + " " + repo + ", token " + token
        + ", sha " + (headSha.isEmpty() ? "-" : headSha) + ", pr " + pullRequest + ", marker "
        + marker.text() + "]";
  }
}
