package dev.cairn.forge.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.Token;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiDetectorTest {
  @TempDir Path dir;

  private Map<String, String> github(String event, String payload) throws Exception {
    Path p = dir.resolve("event.json");
    Files.writeString(p, payload);
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_REPOSITORY", "octo/wine");
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_API_URL", "https://api.github.com");
    env.put("GITHUB_EVENT_NAME", event);
    env.put("GITHUB_EVENT_PATH", p.toString());
    env.put("GITHUB_SHA", "ffffffffffffffffffffffffffffffffffffffff");
    env.put("GITHUB_RUN_ID", "4242");
    env.put("GITHUB_WORKFLOW", "cairn");
    env.put("GITHUB_REF", "refs/pull/7/merge");
    return env;
  }

  private static final String PR_PAYLOAD =
      "{\"pull_request\":{\"number\":7,\"head\":{\"sha\":\"aaaaaaa1\",\"ref\":\"feature\","
          + "\"repo\":{\"full_name\":\"octo/wine\"}},\"base\":{\"ref\":\"main\","
          + "\"repo\":{\"full_name\":\"octo/wine\"}}}}";

  @Test
  void notInCi() throws Exception {
    assertThat(CiDetector.detect(Map.of("HOME", "/root"))).isEmpty();
  }

  @Test
  void githubPullRequestUsesTheHeadShaNotTheMergeCommit() throws Exception {
    CiEnvironment ci = CiDetector.detect(github("pull_request", PR_PAYLOAD)).orElseThrow();

    assertThat(ci.provider()).isEqualTo(CiProvider.GITHUB_ACTIONS);
    assertThat(ci.forge()).isEqualTo(ForgeKind.GITHUB);
    assertThat(ci.apiBase()).isEqualTo(URI.create("https://api.github.com"));
    assertThat(ci.repo()).isEqualTo("octo/wine");
    assertThat(ci.pullRequest()).isEqualTo(7);
    assertThat(ci.headSha()).isEqualTo("aaaaaaa1");
    assertThat(ci.baseBranch()).isEqualTo("main");
    assertThat(ci.headBranch()).isEqualTo("feature");
    assertThat(ci.runUrl()).isEqualTo("https://github.com/octo/wine/actions/runs/4242");
    assertThat(ci.fromFork()).isFalse();
    assertThat(ci.expandLabel("{workflow}-{run}")).isEqualTo("cairn-4242");
  }

  @Test
  void pullRequestTargetUsesTheHeadShaNotTheBaseTip() throws Exception {
    String fork = PR_PAYLOAD.replace("\"head\":{\"sha\":\"aaaaaaa1\",\"ref\":\"feature\","
        + "\"repo\":{\"full_name\":\"octo/wine\"}}", "\"head\":{\"sha\":\"bbbbbbb2\",\"ref\":\"f\","
        + "\"repo\":{\"full_name\":\"eve/wine\"}}");

    CiEnvironment ci = CiDetector.detect(github("pull_request_target", fork)).orElseThrow();

    assertThat(ci.headSha()).isEqualTo("bbbbbbb2");
    assertThat(ci.pullRequest()).isEqualTo(7);
    assertThat(ci.fromFork()).isTrue();
  }

  @Test
  void workflowRunTakesHeadShaAndPullRequestFromThePayload() throws Exception {
    String payload = "{\"workflow_run\":{\"head_sha\":\"ccccccc3\",\"head_branch\":\"feature\","
        + "\"pull_requests\":[{\"number\":9,\"base\":{\"ref\":\"dev\"}}],"
        + "\"head_repository\":{\"full_name\":\"octo/wine\"}}}";

    CiEnvironment ci = CiDetector.detect(github("workflow_run", payload)).orElseThrow();

    assertThat(ci.headSha()).isEqualTo("ccccccc3");
    assertThat(ci.pullRequest()).isEqualTo(9);
    assertThat(ci.baseBranch()).isEqualTo("dev");
  }

  @Test
  void workflowRunFromAForkHasNoPullRequestListed() throws Exception {
    String payload = "{\"workflow_run\":{\"head_sha\":\"ddddddd4\",\"pull_requests\":[],"
        + "\"head_repository\":{\"full_name\":\"eve/wine\"}}}";

    CiEnvironment ci = CiDetector.detect(github("workflow_run", payload)).orElseThrow();

    assertThat(ci.pullRequest()).isZero();
    assertThat(ci.headSha()).isEqualTo("ddddddd4");
    assertThat(ci.fromFork()).isTrue();
    ForgeSettings s = ci.settings(Token.of("t", "GITHUB_TOKEN"));
    assertThat(s.headSha()).isEqualTo("ddddddd4");
    assertThat(s.pullRequest()).isZero();
  }

  @Test
  void pushUsesGithubSha() throws Exception {
    Map<String, String> env = github("push", "{}");
    env.put("GITHUB_REF", "refs/heads/main");

    CiEnvironment ci = CiDetector.detect(env).orElseThrow();

    assertThat(ci.pullRequest()).isZero();
    assertThat(ci.headSha()).isEqualTo("ffffffffffffffffffffffffffffffffffffffff");
    assertThat(ci.headBranch()).isEqualTo("main");
  }

  @Test
  void githubEnterpriseApiBaseFromServerUrl() throws Exception {
    Map<String, String> env = github("push", "{}");
    env.remove("GITHUB_API_URL");
    env.put("GITHUB_SERVER_URL", "https://ghe.example.com/");

    CiEnvironment ci = CiDetector.detect(env).orElseThrow();

    assertThat(ci.apiBase()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
  }

  @Test
  void unreadablePayloadIsAClearError() throws Exception {
    Map<String, String> env = github("pull_request", "{}");
    env.put("GITHUB_EVENT_PATH", dir.resolve("missing.json").toString());

    assertThatThrownBy(() -> CiDetector.detect(env))
        .hasMessageStartingWith("Cannot read the GitHub Actions event payload at GITHUB_EVENT_PATH=");
  }

  @Test
  void missingRepositoryIsAClearError() throws Exception {
    Map<String, String> env = github("push", "{}");
    env.remove("GITHUB_REPOSITORY");

    assertThatThrownBy(() -> CiDetector.detect(env))
        .hasMessageStartingWith("GitHub Actions is detected but GITHUB_REPOSITORY is not set");
  }

  @Test
  void giteaActionsIsCheckedBeforeGithubActions() throws Exception {
    Map<String, String> env = github("pull_request", PR_PAYLOAD);
    env.put("GITEA_ACTIONS", "true");
    env.put("GITHUB_SERVER_URL", "https://gitea.example.com");
    env.put("GITHUB_API_URL", "https://gitea.example.com/api/v1");
    env.put("GITHUB_RUN_NUMBER", "15");

    CiEnvironment ci = CiDetector.detect(env).orElseThrow();

    assertThat(ci.provider()).isEqualTo(CiProvider.GITEA_ACTIONS);
    assertThat(ci.forge()).isEqualTo(ForgeKind.GITEA);
    assertThat(ci.apiBase()).isEqualTo(URI.create("https://gitea.example.com/api/v1"));
    assertThat(ci.pullRequest()).isEqualTo(7);
    assertThat(ci.runUrl()).isEqualTo("https://gitea.example.com/octo/wine/actions/runs/15");
  }

  @Test
  void forgejoWithoutApiUrlDerivesItFromTheServer() throws Exception {
    Map<String, String> env = github("push", "{}");
    env.put("FORGEJO_ACTIONS", "true");
    env.remove("GITHUB_API_URL");
    env.put("GITHUB_SERVER_URL", "https://code.example.org");

    assertThat(CiDetector.detect(env).orElseThrow().apiBase())
        .isEqualTo(URI.create("https://code.example.org/api/v1"));
  }

  @Test
  void gitlabMergeRequestPipeline() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("GITLAB_CI", "true");
    env.put("CI_SERVER_URL", "https://gitlab.example.com");
    env.put("CI_API_V4_URL", "https://gitlab.example.com/api/v4");
    env.put("CI_PROJECT_PATH", "eve/wine");
    env.put("CI_PROJECT_ID", "11");
    env.put("CI_MERGE_REQUEST_PROJECT_PATH", "data/wine");
    env.put("CI_MERGE_REQUEST_PROJECT_ID", "10");
    env.put("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "11");
    env.put("CI_MERGE_REQUEST_IID", "5");
    env.put("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main");
    env.put("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "tune");
    env.put("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", "");
    env.put("CI_COMMIT_SHA", "eeeeeee5");
    env.put("CI_PIPELINE_URL", "https://gitlab.example.com/data/wine/-/pipelines/77");
    env.put("CI_PIPELINE_SOURCE", "merge_request_event");
    env.put("CI_PIPELINE_ID", "77");
    env.put("CI_JOB_ID", "88");

    CiEnvironment ci = CiDetector.detect(env).orElseThrow();

    assertThat(ci.forge()).isEqualTo(ForgeKind.GITLAB);
    assertThat(ci.repo()).isEqualTo("data/wine");
    assertThat(ci.pullRequest()).isEqualTo(5);
    assertThat(ci.headSha()).isEqualTo("eeeeeee5");
    assertThat(ci.baseBranch()).isEqualTo("main");
    assertThat(ci.headBranch()).isEqualTo("tune");
    assertThat(ci.runUrl()).endsWith("/pipelines/77");
    assertThat(ci.fromFork()).isTrue();
    assertThat(ci.apiBase()).isEqualTo(URI.create("https://gitlab.example.com/api/v4"));
  }

  @Test
  void gitlabMergedResultsPipelineUsesTheSourceBranchSha() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("GITLAB_CI", "true");
    env.put("CI_PROJECT_PATH", "data/wine");
    env.put("CI_MERGE_REQUEST_IID", "5");
    env.put("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", "1234567");
    env.put("CI_COMMIT_SHA", "mergecommit");

    CiEnvironment ci = CiDetector.detect(env).orElseThrow();

    assertThat(ci.headSha()).isEqualTo("1234567");
    assertThat(ci.apiBase()).isEqualTo(URI.create("https://gitlab.com/api/v4"));
  }

  @Test
  void bitbucketPullRequestPipeline() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("BITBUCKET_BUILD_NUMBER", "31");
    env.put("BITBUCKET_REPO_FULL_NAME", "team/wine");
    env.put("BITBUCKET_PR_ID", "4");
    env.put("BITBUCKET_PR_DESTINATION_BRANCH", "main");
    env.put("BITBUCKET_BRANCH", "tune");
    env.put("BITBUCKET_COMMIT", "abcdef0");
    env.put("BITBUCKET_GIT_HTTP_ORIGIN", "https://bitbucket.org/team/wine");

    CiEnvironment ci = CiDetector.detect(env).orElseThrow();

    assertThat(ci.provider()).isEqualTo(CiProvider.BITBUCKET_PIPELINES);
    assertThat(ci.repo()).isEqualTo("team/wine");
    assertThat(ci.pullRequest()).isEqualTo(4);
    assertThat(ci.baseBranch()).isEqualTo("main");
    assertThat(ci.headSha()).isEqualTo("abcdef0");
    assertThat(ci.runUrl()).isEqualTo("https://bitbucket.org/team/wine/pipelines/results/31");
    assertThat(ci.apiBase()).isEqualTo(URI.create("https://api.bitbucket.org/2.0"));
  }

  @Test
  void invalidNumberIsAClearError() {
    Map<String, String> env = Map.of("BITBUCKET_BUILD_NUMBER", "1", "BITBUCKET_REPO_FULL_NAME",
        "t/w", "BITBUCKET_PR_ID", "four");
    assertThatThrownBy(() -> CiDetector.detect(env))
        .hasMessage("Invalid BITBUCKET_PR_ID 'four': expected a number");
  }
}
