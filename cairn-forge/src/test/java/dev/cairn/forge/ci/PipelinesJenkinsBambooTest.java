package dev.cairn.forge.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.forge.ForgeHosts;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.Token;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Azure Pipelines (variables from learn.microsoft.com, azure/devops/pipelines/build/variables),
 * Jenkins (jenkins.io, "Pipeline syntax: global variable reference" and the Branch API's {@code
 * CHANGE_*} variables) and Bamboo (confluence.atlassian.com/bamboo, "Bamboo variables"), as their
 * agents set them.
 */
class PipelinesJenkinsBambooTest {
  private static final String HEAD = "1111111111111111111111111111111111111111";
  private static final String MERGE = "2222222222222222222222222222222222222222";

  private static Map<String, String> azure() {
    Map<String, String> env = new HashMap<>();
    env.put("TF_BUILD", "True");
    env.put("SYSTEM_COLLECTIONURI", "https://dev.azure.com/fabrikam/");
    env.put("SYSTEM_TEAMPROJECT", "Fiber Project");
    env.put("BUILD_REPOSITORY_NAME", "wine");
    env.put("BUILD_REPOSITORY_PROVIDER", "TfsGit");
    env.put("BUILD_REPOSITORY_URI", "https://fabrikam@dev.azure.com/fabrikam/Fiber%20Project/_git/wine");
    env.put("BUILD_SOURCEVERSION", MERGE);
    env.put("BUILD_SOURCEBRANCH", "refs/pull/17/merge");
    env.put("BUILD_BUILDID", "311");
    env.put("SYSTEM_DEFINITIONID", "9");
    env.put("BUILD_REASON", "PullRequest");
    env.put("SYSTEM_PULLREQUEST_PULLREQUESTID", "17");
    env.put("SYSTEM_PULLREQUEST_SOURCECOMMITID", HEAD);
    env.put("SYSTEM_PULLREQUEST_SOURCEBRANCH", "refs/heads/tune");
    env.put("SYSTEM_PULLREQUEST_TARGETBRANCH", "refs/heads/main");
    env.put("SYSTEM_PULLREQUEST_ISFORK", "False");
    return env;
  }

  @Test
  void azureReposPullRequestBuildUsesTheSourceCommitNotTheMergeCommit() throws Exception {
    CiEnvironment ci = CiDetector.detect(azure()).orElseThrow();

    assertThat(ci.provider()).isEqualTo(CiProvider.AZURE_PIPELINES);
    assertThat(ci.forge()).isEqualTo(ForgeKind.AZURE_DEVOPS);
    assertThat(ci.apiBase()).isEqualTo(URI.create("https://dev.azure.com"));
    assertThat(ci.repo()).isEqualTo("fabrikam/Fiber Project/wine");
    assertThat(ci.pullRequest()).isEqualTo(17);
    assertThat(ci.headSha()).isEqualTo(HEAD);
    assertThat(ci.baseBranch()).isEqualTo("main");
    assertThat(ci.headBranch()).isEqualTo("tune");
    assertThat(ci.runUrl())
        .isEqualTo("https://dev.azure.com/fabrikam/Fiber%20Project/_build/results?buildId=311");
    assertThat(ci.event()).isEqualTo("PullRequest");
    assertThat(ci.workflow()).isEqualTo("9");
    assertThat(ci.runId()).isEqualTo("311");
    assertThat(ci.fromFork()).isFalse();
    ForgeSettings s = ci.settings(Token.of("eyJa.eyJb.c", "SYSTEM_ACCESSTOKEN"));
    assertThat(s.kind()).isEqualTo(ForgeKind.AZURE_DEVOPS);
  }

  @Test
  void azureCiBuildOfABranch() throws Exception {
    Map<String, String> env = azure();
    env.keySet().removeIf(k -> k.startsWith("SYSTEM_PULLREQUEST_"));
    env.put("BUILD_REASON", "IndividualCI");
    env.put("BUILD_SOURCEBRANCH", "refs/heads/main");
    env.put("BUILD_SOURCEVERSION", HEAD);

    CiEnvironment ci = CiDetector.detect(env).orElseThrow();

    assertThat(ci.pullRequest()).isZero();
    assertThat(ci.headSha()).isEqualTo(HEAD);
    assertThat(ci.headBranch()).isEqualTo("main");
  }

  @Test
  void oldVisualStudioCollectionUrlsAndServersGiveTheRightBase() throws Exception {
    Map<String, String> env = azure();
    env.put("SYSTEM_COLLECTIONURI", "https://fabrikam.visualstudio.com/");
    assertThat(CiDetector.detect(env).orElseThrow().apiBase())
        .isEqualTo(URI.create("https://dev.azure.com"));

    env.put("SYSTEM_COLLECTIONURI", "https://tfs.example.com/tfs/DefaultCollection/");
    CiEnvironment server = CiDetector.detect(env).orElseThrow();
    assertThat(server.apiBase()).isEqualTo(URI.create("https://tfs.example.com/tfs"));
    assertThat(server.repo()).isEqualTo("DefaultCollection/Fiber Project/wine");
  }

  @Test
  void azurePipelinesBuildingAGitHubRepositoryPostsToGitHub() throws Exception {
    Map<String, String> env = azure();
    env.put("BUILD_REPOSITORY_PROVIDER", "GitHub");
    env.put("BUILD_REPOSITORY_NAME", "octo/wine");
    env.put("SYSTEM_PULLREQUEST_PULLREQUESTID", "998877");
    env.put("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER", "7");

    CiEnvironment ci = CiDetector.detect(env).orElseThrow();

    assertThat(ci.forge()).isEqualTo(ForgeKind.GITHUB);
    assertThat(ci.apiBase()).isEqualTo(URI.create("https://api.github.com"));
    assertThat(ci.repo()).isEqualTo("octo/wine");
    assertThat(ci.pullRequest()).isEqualTo(7);
    assertThat(ci.headSha()).isEqualTo(HEAD);
  }

  @Test
  void azureWithoutAnAlwaysSetVariableSaysWhichOne() {
    Map<String, String> env = azure();
    env.remove("SYSTEM_TEAMPROJECT");
    assertThatThrownBy(() -> CiDetector.detect(env)).hasMessage("Azure Pipelines is detected but"
        + " SYSTEM_TEAMPROJECT is not set: run inside a normal Azure Pipelines job, or pass the"
        + " repository explicitly");
  }

  @Test
  void azureBuildingARepositoryCairnCannotPostToIsNoRunToPostFrom() throws Exception {
    Map<String, String> svn = azure();
    svn.put("BUILD_REPOSITORY_PROVIDER", "Svn");
    assertThat(CiDetector.detect(svn)).isEmpty();
  }

  private static Map<String, String> jenkins(String gitUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("JENKINS_URL", "https://jenkins.example.com/");
    env.put("BUILD_URL", "https://jenkins.example.com/job/wine/job/PR-5/3/");
    env.put("JOB_NAME", "wine/PR-5");
    env.put("BUILD_NUMBER", "3");
    env.put("GIT_URL", gitUrl);
    env.put("GIT_COMMIT", HEAD);
    env.put("BRANCH_NAME", "PR-5");
    env.put("CHANGE_ID", "5");
    env.put("CHANGE_TARGET", "main");
    env.put("CHANGE_BRANCH", "tune");
    return env;
  }

  @Test
  void jenkinsWithBitbucketServerOverHttp() throws Exception {
    CiEnvironment ci = CiDetector.detect(jenkins(
        "https://bitbucket.example.com/scm/proj/wine.git")).orElseThrow();

    assertThat(ci.provider()).isEqualTo(CiProvider.JENKINS);
    assertThat(ci.forge()).isEqualTo(ForgeKind.BITBUCKET_SERVER);
    assertThat(ci.apiBase()).isEqualTo(URI.create("https://bitbucket.example.com/rest/api/1.0"));
    assertThat(ci.repo()).isEqualTo("proj/wine");
    assertThat(ci.pullRequest()).isEqualTo(5);
    assertThat(ci.baseBranch()).isEqualTo("main");
    assertThat(ci.headBranch()).isEqualTo("tune");
    assertThat(ci.headSha()).isEqualTo(HEAD);
    assertThat(ci.runUrl()).isEqualTo("https://jenkins.example.com/job/wine/job/PR-5/3/");
    assertThat(ci.event()).isEqualTo("pull_request");
    assertThat(ci.expandLabel("{workflow} #{run}")).isEqualTo("wine/PR-5 #3");
  }

  @Test
  void jenkinsOverSshNeedsTheHostToBeNamedInSettings() throws Exception {
    Map<String, String> env = jenkins("ssh://git@bitbucket.example.com:7999/proj/wine.git");
    // the forge cannot be told: no run to post from, so --forge and --repo apply
    assertThat(CiDetector.detect(env)).isEmpty();

    ForgeHosts hosts = ForgeHosts.none().with("bitbucket.example.com", ForgeKind.BITBUCKET_SERVER,
        URI.create("https://bitbucket.example.com/bitbucket/rest/api/1.0"));
    CiEnvironment ci = CiDetector.detect(env, hosts).orElseThrow();
    assertThat(ci.forge()).isEqualTo(ForgeKind.BITBUCKET_SERVER);
    assertThat(ci.apiBase())
        .isEqualTo(URI.create("https://bitbucket.example.com/bitbucket/rest/api/1.0"));
    assertThat(ci.repo()).isEqualTo("proj/wine");
  }

  @Test
  void jenkinsBranchBuildAndGitHub() throws Exception {
    Map<String, String> env = jenkins("https://github.com/octo/wine.git");
    env.keySet().removeIf(k -> k.startsWith("CHANGE_"));
    env.put("BRANCH_NAME", "main");

    CiEnvironment ci = CiDetector.detect(env).orElseThrow();

    assertThat(ci.forge()).isEqualTo(ForgeKind.GITHUB);
    assertThat(ci.pullRequest()).isZero();
    assertThat(ci.headBranch()).isEqualTo("main");
    assertThat(ci.event()).isEqualTo("push");
  }

  @Test
  void jenkinsWithoutGitUrlIsNoRunToPostFromButABadChangeIdIsAnError() throws Exception {
    Map<String, String> env = jenkins("");
    env.remove("GIT_URL");
    assertThat(CiDetector.detect(env)).isEmpty();

    Map<String, String> bad = jenkins("https://github.com/octo/wine.git");
    bad.put("CHANGE_ID", "PR-5");
    assertThatThrownBy(() -> CiDetector.detect(bad))
        .hasMessage("Invalid CHANGE_ID 'PR-5': expected a number");
  }

  @Test
  void bambooPullRequestOnBitbucketServer() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("bamboo_buildKey", "WINE-PR-JOB1");
    env.put("bamboo_planKey", "WINE-PR");
    env.put("bamboo_buildNumber", "12");
    env.put("bamboo_buildResultsUrl", "https://bamboo.example.com/browse/WINE-PR-JOB1-12");
    env.put("bamboo_planRepository_repositoryUrl",
        "https://bitbucket.example.com/scm/proj/wine.git");
    env.put("bamboo_planRepository_revision", HEAD);
    env.put("bamboo_planRepository_branchName", "tune");
    env.put("bamboo_repository_pr_key", "5");
    env.put("bamboo_repository_pr_sourceBranch", "tune");
    env.put("bamboo_repository_pr_targetBranch", "main");

    CiEnvironment ci = CiDetector.detect(env).orElseThrow();

    assertThat(ci.provider()).isEqualTo(CiProvider.BAMBOO);
    assertThat(ci.forge()).isEqualTo(ForgeKind.BITBUCKET_SERVER);
    assertThat(ci.repo()).isEqualTo("proj/wine");
    assertThat(ci.pullRequest()).isEqualTo(5);
    assertThat(ci.baseBranch()).isEqualTo("main");
    assertThat(ci.headSha()).isEqualTo(HEAD);
    assertThat(ci.runUrl()).isEqualTo("https://bamboo.example.com/browse/WINE-PR-JOB1-12");
  }

  @Test
  void githubActionsStillWinsOverJenkinsVariablesLeftInTheEnvironment() throws Exception {
    Map<String, String> env = jenkins("https://bitbucket.example.com/scm/proj/wine.git");
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_REPOSITORY", "octo/wine");

    assertThat(CiDetector.detect(env).orElseThrow().provider())
        .isEqualTo(CiProvider.GITHUB_ACTIONS);
  }
}
