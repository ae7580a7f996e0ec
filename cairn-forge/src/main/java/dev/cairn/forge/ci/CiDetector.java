package dev.cairn.forge.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cairn.forge.ForgeHosts;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.RemoteUrl;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
 * BITBUCKET_REPO_UUID}), Azure Pipelines ({@code TF_BUILD=True}), Jenkins ({@code JENKINS_URL}),
 * Bamboo ({@code bamboo_buildKey} or {@code bamboo_planKey}).
 *
 * <p>Azure Pipelines (variables documented at learn.microsoft.com, "Use predefined variables"):
 * the repository's host is {@code BUILD_REPOSITORY_PROVIDER}: {@code TfsGit} (Azure Repos: {@code
 * SYSTEM_COLLECTIONURI}, {@code SYSTEM_TEAMPROJECT}, {@code BUILD_REPOSITORY_NAME}, pull request
 * {@code SYSTEM_PULLREQUEST_PULLREQUESTID}), {@code GitHub}/{@code GitHubEnterprise} (pull request
 * {@code SYSTEM_PULLREQUEST_PULLREQUESTNUMBER}) or {@code Bitbucket} (Cloud). In a pull request
 * build the commit is {@code SYSTEM_PULLREQUEST_SOURCECOMMITID}, the head of the source branch,
 * never {@code BUILD_SOURCEVERSION}'s merge commit.
 *
 * <p>Jenkins and Bamboo do not say which forge they build from: it is read from the clone URL
 * ({@code GIT_URL}, {@code bamboo_planRepository_repositoryUrl}) with {@link RemoteUrl} and the
 * configured {@link ForgeHosts}. Jenkins multibranch pull requests give {@code CHANGE_ID} and
 * {@code CHANGE_TARGET}; their {@code GIT_COMMIT} is the head of the pull request only with the
 * "current pull request revision" checkout strategy (with the default merge strategy it is a merge
 * commit Jenkins made, so pass the commit explicitly for statuses).
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
   * Reads the environment, with no self-hosted forge configured.
   *
   * @see #detect(Map, ForgeHosts)
   */
  public static Optional<CiEnvironment> detect(Map<String, String> env)
      throws ForgeUsageException {
    return detect(env, ForgeHosts.none());
  }

  /**
   * Reads the environment.
   *
   * @param env the process environment (e.g. {@code System.getenv()})
   * @param hosts what self-hosted servers run, for CI systems that only give a clone URL
   * @return the run, or empty when no supported CI system is recognised, or when the one
   *     recognised builds a repository whose forge cannot be told (Jenkins or Bamboo with a clone
   *     URL of a host not named in {@code hosts}; Azure Pipelines building Svn, TFVC or plain Git):
   *     the caller's explicit forge and repository then apply
   * @throws ForgeUsageException when a CI system is recognised but a variable it always sets is
   *     missing or malformed, or its event payload cannot be read
   */
  public static Optional<CiEnvironment> detect(Map<String, String> env, ForgeHosts hosts)
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
    if (e.isTrue("TF_BUILD")) {
      return azure(e);
    }
    if (!e.get("JENKINS_URL").isEmpty()) {
      return jenkins(e, hosts);
    }
    if (!e.get("bamboo_buildKey").isEmpty() || !e.get("bamboo_planKey").isEmpty()) {
      return bamboo(e, hosts);
    }
    return Optional.empty();
  }

  private static Optional<CiEnvironment> azure(Env e) throws ForgeUsageException {
    String name = "Azure Pipelines";
    String provider = e.or("BUILD_REPOSITORY_PROVIDER", "TfsGit");
    String collection = trimSlash(e.or("SYSTEM_COLLECTIONURI",
        e.get("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI")));
    String project = e.get("SYSTEM_TEAMPROJECT");
    String buildId = e.get("BUILD_BUILDID");
    String runUrl = collection.isEmpty() || project.isEmpty() || buildId.isEmpty() ? ""
        : collection + "/" + project.replace(" ", "%20") + "/_build/results?buildId=" + buildId;
    String sourceCommit = e.get("SYSTEM_PULLREQUEST_SOURCECOMMITID");
    String sha = sourceCommit.isEmpty() ? e.get("BUILD_SOURCEVERSION") : sourceCommit;
    String base = branch(e.get("SYSTEM_PULLREQUEST_TARGETBRANCH"));
    String head = branch(e.or("SYSTEM_PULLREQUEST_SOURCEBRANCH", e.get("BUILD_SOURCEBRANCH")));
    String event = e.get("BUILD_REASON");
    String workflow = e.or("SYSTEM_DEFINITIONID", e.get("BUILD_DEFINITIONNAME"));
    boolean fork = e.isTrue("SYSTEM_PULLREQUEST_ISFORK");
    String repoName = e.require("BUILD_REPOSITORY_NAME", name);
    switch (provider.toLowerCase(Locale.ROOT)) {
      case "tfsgit": {
        if (collection.isEmpty()) {
          e.require("SYSTEM_COLLECTIONURI", name);
        }
        e.require("SYSTEM_TEAMPROJECT", name);
        URI c = uri(collection, "SYSTEM_COLLECTIONURI");
        String host = c.getHost().toLowerCase(Locale.ROOT);
        String apiBase;
        String org;
        if (host.endsWith(".visualstudio.com")) {
          apiBase = "https://dev.azure.com";
          org = host.substring(0, host.length() - ".visualstudio.com".length());
        } else {
          String path = trimSlash(c.getRawPath() == null ? "" : c.getRawPath());
          int slash = path.lastIndexOf('/');
          if (slash < 0 || slash == path.length() - 1) {
            throw new ForgeUsageException("Invalid SYSTEM_COLLECTIONURI '" + collection
                + "': expected https://dev.azure.com/<organization>/");
          }
          org = URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
          apiBase = c.getScheme() + "://" + c.getRawAuthority() + path.substring(0, slash);
        }
        long pr = number(e.get("SYSTEM_PULLREQUEST_PULLREQUESTID"),
            "SYSTEM_PULLREQUEST_PULLREQUESTID");
        return Optional.of(new CiEnvironment(CiProvider.AZURE_PIPELINES, ForgeKind.AZURE_DEVOPS,
            uri(apiBase, "SYSTEM_COLLECTIONURI"), org + "/" + project + "/" + repoName, sha, pr,
            base, head, runUrl, event, workflow, buildId, fork));
      }
      case "github":
      case "githubenterprise": {
        URI api = ForgeKind.GITHUB.defaultApiBase();
        String repoUri = e.get("BUILD_REPOSITORY_URI");
        if (provider.equalsIgnoreCase("GitHubEnterprise") && !repoUri.isEmpty()) {
          URI u = uri(repoUri, "BUILD_REPOSITORY_URI");
          api = URI.create("https://" + u.getHost() + "/api/v3");
        }
        long pr = number(e.or("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER",
            e.get("SYSTEM_PULLREQUEST_PULLREQUESTID")), "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER");
        return Optional.of(new CiEnvironment(CiProvider.AZURE_PIPELINES, ForgeKind.GITHUB, api,
            repoName, sha, pr, base, head, runUrl, event, workflow, buildId, fork));
      }
      case "bitbucket": {
        long pr = number(e.get("SYSTEM_PULLREQUEST_PULLREQUESTID"),
            "SYSTEM_PULLREQUEST_PULLREQUESTID");
        return Optional.of(new CiEnvironment(CiProvider.AZURE_PIPELINES, ForgeKind.BITBUCKET,
            ForgeKind.BITBUCKET.defaultApiBase(), repoName, sha, pr, base, head, runUrl, event,
            workflow, buildId, fork));
      }
      default:
        // a repository on a host Cairn cannot post to (Svn, TFVC, plain Git): not a run to post
        // from, so the caller's --forge and --repo apply
        return Optional.empty();
    }
  }

  private static Optional<CiEnvironment> jenkins(Env e, ForgeHosts hosts)
      throws ForgeUsageException {
    Optional<RemoteUrl> remote = remote(e.or("GIT_URL", e.get("GIT_URL_1")), hosts);
    if (remote.isEmpty()) {
      return Optional.empty();
    }
    long pr = number(e.get("CHANGE_ID"), "CHANGE_ID");
    String head = pr > 0
        ? e.or("CHANGE_BRANCH", e.get("BRANCH_NAME"))
        : e.or("BRANCH_NAME", stripOrigin(e.get("GIT_BRANCH")));
    RemoteUrl r = remote.get();
    return Optional.of(new CiEnvironment(CiProvider.JENKINS, r.kind(), r.apiBase(), r.repo(),
        e.get("GIT_COMMIT"), pr, e.get("CHANGE_TARGET"), head, e.get("BUILD_URL"),
        pr > 0 ? "pull_request" : "push", e.get("JOB_NAME"), e.get("BUILD_NUMBER"),
        !e.get("CHANGE_FORK").isEmpty()));
  }

  private static Optional<CiEnvironment> bamboo(Env e, ForgeHosts hosts)
      throws ForgeUsageException {
    Optional<RemoteUrl> remote = remote(e.or("bamboo_planRepository_repositoryUrl",
        e.get("bamboo_repository_git_repositoryUrl")), hosts);
    if (remote.isEmpty()) {
      return Optional.empty();
    }
    long pr = number(e.get("bamboo_repository_pr_key"), "bamboo_repository_pr_key");
    String head = e.or("bamboo_repository_pr_sourceBranch",
        e.or("bamboo_planRepository_branchName", e.get("bamboo_planRepository_branch")));
    RemoteUrl r = remote.get();
    return Optional.of(new CiEnvironment(CiProvider.BAMBOO, r.kind(), r.apiBase(), r.repo(),
        e.or("bamboo_planRepository_revision", e.get("bamboo_repository_revision_number")), pr,
        e.get("bamboo_repository_pr_targetBranch"), head,
        e.or("bamboo_buildResultsUrl", e.get("bamboo_resultsUrl")),
        pr > 0 ? "pull_request" : "push", e.get("bamboo_planKey"), e.get("bamboo_buildNumber"),
        false));
  }

  /**
   * The forge and repository of a clone URL; empty when there is none or its forge cannot be told
   * (a self-hosted host not named in {@link ForgeHosts}), so that the caller's explicit forge and
   * repository apply.
   */
  private static Optional<RemoteUrl> remote(String url, ForgeHosts hosts) {
    if (url.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(RemoteUrl.parse(url, Optional.empty(), hosts));
    } catch (IllegalArgumentException ex) {
      return Optional.empty();
    }
  }

  private static String branch(String ref) {
    return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
  }

  private static String stripOrigin(String b) {
    return b.startsWith("origin/") ? b.substring("origin/".length()) : b;
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
