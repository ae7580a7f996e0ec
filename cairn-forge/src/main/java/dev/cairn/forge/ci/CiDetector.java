package dev.cairn.forge.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeUsageException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects the CI system and reads the run's forge, repository, pull request, commit, branches and
 * run URL from environment variables (reference/cml.md §2, without CML's quirks).
 *
 * <p>Checked in this order: Gitea/Forgejo Actions ({@code GITEA_ACTIONS} or {@code
 * FORGEJO_ACTIONS} = {@code true}, checked first because their runners also set {@code
 * GITHUB_ACTIONS}), GitHub Actions ({@code GITHUB_ACTIONS=true}), GitLab CI ({@code
 * GITLAB_CI=true}), Bitbucket Pipelines ({@code BITBUCKET_BUILD_NUMBER} or {@code
 * BITBUCKET_REPO_UUID}).
 *
 * <p>GitHub and Gitea: for {@code pull_request} and {@code pull_request_target} the number, head
 * SHA and base branch come from the event payload ({@code GITHUB_EVENT_PATH}); for {@code
 * workflow_run} (the fork-safe pattern) from {@code workflow_run.head_sha} and {@code
 * workflow_run.pull_requests}, which is empty for forks, so the client then looks the pull request
 * up by SHA.
 */
public final class CiDetector {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern PULL_REF = Pattern.compile("refs/pull/([0-9]+)/.*");

  private CiDetector() {}

  /**
   * Reads the environment.
   *
   * @param env the process environment (e.g. {@code System.getenv()})
   * @return the run, or empty when no supported CI system is recognised
   * @throws ForgeUsageException when a CI system is recognised but a variable it always sets is
   *     missing, or its event payload cannot be read
   */
  public static Optional<CiEnvironment> detect(Map<String, String> env)
      throws ForgeUsageException {
    Env e = new Env(env);
    if (e.isTrue("GITEA_ACTIONS") || e.isTrue("FORGEJO_ACTIONS")) {
      return Optional.of(actions(e, CiProvider.GITEA_ACTIONS, ForgeKind.GITEA));
    }
    if (e.isTrue("GITHUB_ACTIONS")) {
      return Optional.of(actions(e, CiProvider.GITHUB_ACTIONS, ForgeKind.GITHUB));
    }
    if (e.isTrue("GITLAB_CI")) {
      return Optional.of(gitlab(e));
    }
    if (!e.get("BITBUCKET_BUILD_NUMBER").isEmpty() || !e.get("BITBUCKET_REPO_UUID").isEmpty()) {
      return Optional.of(bitbucket(e));
    }
    return Optional.empty();
  }

  private static CiEnvironment actions(Env e, CiProvider provider, ForgeKind forge)
      throws ForgeUsageException {
    String name = provider == CiProvider.GITEA_ACTIONS ? "Gitea Actions" : "GitHub Actions";
    String repo = e.require("GITHUB_REPOSITORY", name);
    String server =
        trimSlash(e.or("GITHUB_SERVER_URL", forge == ForgeKind.GITHUB ? "https://github.com" : ""));
    String apiDefault =
        forge == ForgeKind.GITHUB
            ? ("https://github.com".equals(server) || server.isEmpty()
                ? forge.defaultApiBase().toString()
                : server + "/api/v3")
            : server + "/api/v1";
    if (forge == ForgeKind.GITEA && server.isEmpty() && e.get("GITHUB_API_URL").isEmpty()) {
      throw new ForgeUsageException(
          "Gitea Actions is detected but neither GITHUB_SERVER_URL nor GITHUB_API_URL is set:"
              + " cannot tell which server to post to");
    }
    URI api = uri(trimSlash(e.or("GITHUB_API_URL", apiDefault)), "GITHUB_API_URL");
    String event = e.get("GITHUB_EVENT_NAME");
    JsonNode payload = payload(e, name);
    String sha = e.get("GITHUB_SHA");
    long pr = 0;
    String base = "";
    String head = e.get("GITHUB_HEAD_REF");
    boolean fork = false;
    if (event.equals("pull_request") || event.equals("pull_request_target")) {
      JsonNode p = payload.path("pull_request");
      pr = p.path("number").asLong(0);
      if (pr == 0) {
        Matcher m = PULL_REF.matcher(e.get("GITHUB_REF"));
        pr = m.matches() ? Long.parseLong(m.group(1)) : 0;
      }
      sha = text(p.path("head").path("sha"), sha);
      base = text(p.path("base").path("ref"), e.get("GITHUB_BASE_REF"));
      head = text(p.path("head").path("ref"), head);
      String headRepo = text(p.path("head").path("repo").path("full_name"), "");
      String baseRepo = text(p.path("base").path("repo").path("full_name"), repo);
      fork = !headRepo.isEmpty() && !headRepo.equalsIgnoreCase(baseRepo);
    } else if (event.equals("workflow_run")) {
      JsonNode run = payload.path("workflow_run");
      sha = text(run.path("head_sha"), sha);
      head = text(run.path("head_branch"), head);
      JsonNode prs = run.path("pull_requests");
      if (prs.isArray() && prs.size() > 0) {
        pr = prs.get(0).path("number").asLong(0);
        base = text(prs.get(0).path("base").path("ref"), "");
      }
      String headRepo = text(run.path("head_repository").path("full_name"), "");
      fork = !headRepo.isEmpty() && !headRepo.equalsIgnoreCase(repo);
    }
    if (head.isEmpty()) {
      head = e.get("GITHUB_REF_NAME");
      if (head.isEmpty() && e.get("GITHUB_REF").startsWith("refs/heads/")) {
        head = e.get("GITHUB_REF").substring("refs/heads/".length());
      }
    }
    String runId = e.get("GITHUB_RUN_ID");
    String runIndex = provider == CiProvider.GITEA_ACTIONS ? e.or("GITHUB_RUN_NUMBER", runId) : runId;
    String runUrl =
        server.isEmpty() || runIndex.isEmpty() ? "" : server + "/" + repo + "/actions/runs/" + runIndex;
    return new CiEnvironment(provider, forge, api, repo, sha, pr, base, head, runUrl, event,
        e.get("GITHUB_WORKFLOW"), runId, fork);
  }

  private static CiEnvironment gitlab(Env e) throws ForgeUsageException {
    String server = trimSlash(e.or("CI_SERVER_URL", "https://gitlab.com"));
    URI api = uri(trimSlash(e.or("CI_API_V4_URL", server + "/api/v4")), "CI_API_V4_URL");
    String repo =
        e.or("CI_MERGE_REQUEST_PROJECT_PATH",
            e.or("CI_PROJECT_PATH", e.get("CI_MERGE_REQUEST_PROJECT_ID")));
    if (repo.isEmpty()) {
      repo = e.require("CI_PROJECT_ID", "GitLab CI");
    }
    long mr = number(e.get("CI_MERGE_REQUEST_IID"), "CI_MERGE_REQUEST_IID");
    String sha = e.or("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", e.get("CI_COMMIT_SHA"));
    String head =
        e.or("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
            e.or("CI_COMMIT_BRANCH", e.get("CI_COMMIT_REF_NAME")));
    String source = e.get("CI_MERGE_REQUEST_SOURCE_PROJECT_ID");
    String target = e.get("CI_MERGE_REQUEST_PROJECT_ID");
    boolean fork = !source.isEmpty() && !target.isEmpty() && !source.equals(target);
    return new CiEnvironment(CiProvider.GITLAB_CI, ForgeKind.GITLAB, api, repo, sha, mr,
        e.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME"), head,
        e.or("CI_PIPELINE_URL", e.get("CI_JOB_URL")), e.get("CI_PIPELINE_SOURCE"),
        e.get("CI_PIPELINE_ID"), e.get("CI_JOB_ID"), fork);
  }

  private static CiEnvironment bitbucket(Env e) throws ForgeUsageException {
    String repo = e.get("BITBUCKET_REPO_FULL_NAME");
    if (repo.isEmpty()) {
      repo = e.require("BITBUCKET_WORKSPACE", "Bitbucket Pipelines") + "/"
          + e.require("BITBUCKET_REPO_SLUG", "Bitbucket Pipelines");
    }
    long pr = number(e.get("BITBUCKET_PR_ID"), "BITBUCKET_PR_ID");
    String origin = trimSlash(e.get("BITBUCKET_GIT_HTTP_ORIGIN"));
    String build = e.get("BITBUCKET_BUILD_NUMBER");
    String runUrl = origin.isEmpty() || build.isEmpty() ? "" : origin + "/pipelines/results/" + build;
    return new CiEnvironment(CiProvider.BITBUCKET_PIPELINES, ForgeKind.BITBUCKET,
        ForgeKind.BITBUCKET.defaultApiBase(), repo, e.get("BITBUCKET_COMMIT"), pr,
        e.get("BITBUCKET_PR_DESTINATION_BRANCH"), e.get("BITBUCKET_BRANCH"), runUrl,
        pr > 0 ? "pull_request" : "push", e.get("BITBUCKET_PIPELINE_UUID"), build, false);
  }

  private static JsonNode payload(Env e, String ci) throws ForgeUsageException {
    String path = e.get("GITHUB_EVENT_PATH");
    if (path.isEmpty()) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode n = MAPPER.readTree(Files.readAllBytes(Path.of(path)));
      return n == null ? MissingNode.getInstance() : n;
    } catch (IOException ex) {
      throw new ForgeUsageException(
          "Cannot read the " + ci + " event payload at GITHUB_EVENT_PATH=" + path + ": "
              + ex.getClass().getSimpleName());
    }
  }

  private static long number(String v, String name) throws ForgeUsageException {
    if (v.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException ex) {
      throw new ForgeUsageException("Invalid " + name + " '" + v + "': expected a number");
    }
  }

  private static URI uri(String s, String name) throws ForgeUsageException {
    try {
      URI u = URI.create(s);
      if (u.getScheme() == null || u.getHost() == null) {
        throw new IllegalArgumentException(s);
      }
      return u;
    } catch (IllegalArgumentException ex) {
      throw new ForgeUsageException("Invalid " + name + " '" + s + "': expected an http(s) URL");
    }
  }

  private static String text(JsonNode n, String fallback) {
    return n.isTextual() && !n.asText().isEmpty() ? n.asText() : fallback;
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Null-free view of the environment map. */
  private static final class Env {
    private final Map<String, String> map;

    Env(Map<String, String> map) {
      this.map = map;
    }

    String get(String name) {
      String v = map.get(name);
      return v == null ? "" : v.trim();
    }

    String or(String name, String fallback) {
      String v = get(name);
      return v.isEmpty() ? fallback : v;
    }

    boolean isTrue(String name) {
      return get(name).equalsIgnoreCase("true");
    }

    String require(String name, String ci) throws ForgeUsageException {
      String v = get(name);
      if (v.isEmpty()) {
        throw new ForgeUsageException(
            ci + " is detected but " + name + " is not set: run inside a normal " + ci
                + " job, or pass the repository explicitly");
      }
      return v;
    }
  }
}
