package dev.cairn.forge.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgePermissionException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.Forges;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequestRequest;
import dev.cairn.forge.PullRequestResult;
import dev.cairn.forge.Token;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer.Reply;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cml pr create}'s forge side against the fake GitHub: REST calls validated against the
 * OpenAPI description, the auto-merge mutation against GitHub's GraphQL reference ({@link
 * GitHubGraphQl}).
 */
class GitHubPullsTest {
  private final FakeGitHub gh = new FakeGitHub();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void noProtocolViolations() {
    gh.close();
    assertThat(gh.stub.failures()).isEmpty();
  }

  private ForgeClient client() {
    return Forges.client(gh.settings(time));
  }

  private static PullRequestRequest request() {
    return PullRequestRequest.of("cairn/6dcb09b", "main", "Retrained model", "## Report\nbetter");
  }

  @Test
  void opensAPullRequestWithLabels() throws Exception {
    PullRequestResult r = client().openPullRequest(request().withLabels(List.of("model", "ci")));

    assertThat(r.action()).isEqualTo(PullRequestResult.Action.CREATED);
    assertThat(r.labels()).containsExactly("model", "ci");
    assertThat(r.autoMerge()).isEmpty();
    ObjectNode stored = gh.pulls.get(0);
    assertThat(r.pullRequest().number()).isEqualTo(stored.path("number").asLong());
    assertThat(r.pullRequest().url()).isEqualTo(stored.path("html_url").asText());
    assertThat(r.pullRequest().headBranch()).isEqualTo("cairn/6dcb09b");
    assertThat(r.pullRequest().baseBranch()).isEqualTo("main");
    assertThat(stored.path("body").asText()).isEqualTo("## Report\nbetter");
    assertThat(stored.path("labels")).extracting(l -> l.path("name").asText())
        .containsExactly("model", "ci");
    assertThat(gh.stub.exchanges("GET").get(0).request().query())
        .isEqualTo("state=open&head=octo%3Acairn%2F6dcb09b&base=main&per_page=100");
  }

  @Test
  void aRerunReusesTheOpenPullRequestInsteadOfOpeningASecond() throws Exception {
    gh.addOpenPull(12, "cairn/other", "main");
    gh.addOpenPull(13, "cairn/6dcb09b", "release");
    gh.addOpenPull(14, "cairn/6dcb09b", "main");

    PullRequestResult r = client().openPullRequest(request().withLabels(List.of("model")));

    assertThat(r.action()).isEqualTo(PullRequestResult.Action.REUSED);
    assertThat(r.pullRequest().number()).isEqualTo(14);
    assertThat(gh.stub.exchanges("POST")).extracting(x -> x.request().path())
        .containsExactly("/api/v3/repos/octo/wine/issues/14/labels");
    assertThat(gh.pulls).hasSize(3);
  }

  @Test
  void updateExistingReplacesTitleAndBody() throws Exception {
    gh.addOpenPull(14, "cairn/6dcb09b", "main");

    PullRequestResult r = client().openPullRequest(request().withUpdateExisting(true));

    assertThat(r.action()).isEqualTo(PullRequestResult.Action.UPDATED);
    assertThat(gh.pull(14).path("title").asText()).isEqualTo("Retrained model");
    assertThat(gh.pull(14).path("body").asText()).isEqualTo("## Report\nbetter");
  }

  @Test
  void autoMergeIsEnabledThroughGraphQl() throws Exception {
    PullRequestResult r = client().openPullRequest(request().withAutoMerge(MergeMethod.SQUASH));

    AutoMergeResult m = r.autoMerge().orElseThrow();
    assertThat(m.state()).isEqualTo(AutoMergeResult.State.ENABLED);
    assertThat(m.detail()).isEqualTo("GitHub: auto-merge by squash enabled at 2026-11-28T12:00:00Z");
    JsonNode q = gh.graphqlRequests.get(0);
    assertThat(q.at("/variables/id").asText()).isEqualTo("PR_node" + r.pullRequest().number());
    assertThat(q.at("/variables/method").asText()).isEqualTo("SQUASH");
    assertThat(gh.autoMergeOf).containsEntry(r.pullRequest().number(), "SQUASH");
  }

  @Test
  void aPullRequestWithNothingToWaitForIsMergedAtOnce() throws Exception {
    gh.graphqlError = "Pull request Pull request is in clean status";

    AutoMergeResult m = client().openPullRequest(request().withAutoMerge(MergeMethod.REBASE))
        .autoMerge().orElseThrow();

    assertThat(m.state()).isEqualTo(AutoMergeResult.State.MERGED);
    assertThat(gh.mergedBy).containsValue("rebase");
  }

  @Test
  void autoMergeOffForTheRepositoryIsAClearRefusal() throws Exception {
    gh.graphqlError = "Pull request Auto merge is not allowed for this repository";
    gh.addOpenPull(14, "cairn/6dcb09b", "main");

    ForgeUsageException e = catchThrowableOfType(ForgeUsageException.class,
        () -> client().enableAutoMerge(14, MergeMethod.MERGE));

    assertThat(e.getMessage()).isEqualTo("Auto-merge is off for octo/wine (GitHub: Pull request"
        + " Auto merge is not allowed for this repository): turn on 'Allow auto-merge' in the"
        + " repository's settings, or leave out --merge");
  }

  @Test
  void aForbiddenMutationNamesThePermissions() throws Exception {
    gh.graphqlError = "Resource not accessible by integration";
    gh.graphqlErrorType = "FORBIDDEN";
    gh.addOpenPull(14, "cairn/6dcb09b", "main");

    ForgePermissionException e = catchThrowableOfType(ForgePermissionException.class,
        () -> client().enableAutoMerge(14, MergeMethod.MERGE));

    assertThat(e.getMessage()).contains("needs permissions 'contents: write' and"
        + " 'pull-requests: write'").doesNotContain(FakeGitHub.TOKEN);
  }

  @Test
  void aLongBodyIsCutToGitHubsLimit() throws Exception {
    PullRequestResult r = client().openPullRequest(PullRequestRequest.of("cairn/x", "main",
        "t", "y".repeat(70_000)));

    assertThat(r.descriptionCut()).isTrue();
    assertThat(gh.pulls.get(0).path("body").asText()).hasSizeLessThanOrEqualTo(65_536)
        .contains("**Description cut:**");
  }

  @Test
  void aReadOnlyTokenIsAPermissionErrorNamingPullRequestsWrite() {
    gh.stub.on("POST", "/api/v3/repos/octo/wine/pulls", (q, m) -> Reply.json(403,
        "{\"message\":\"Resource not accessible by integration\","
            + "\"documentation_url\":\"https://docs.github.com/rest/pulls/pulls#create-a-pull-request\"}"));

    ForgePermissionException e = catchThrowableOfType(ForgePermissionException.class,
        () -> client().openPullRequest(request()));

    assertThat(e.getMessage()).startsWith("GitHub refused to open a pull request from"
        + " cairn/6dcb09b into main in octo/wine (HTTP 403: Resource not accessible by"
        + " integration): the token from GITHUB_TOKEN needs permission 'pull-requests: write'");
  }

  @Test
  void graphqlEndpointFollowsTheRestBase() {
    Token t = Token.of("x", "T");
    assertThat(GitHubClient.create(ForgeSettings.of(ForgeKind.GITHUB, "o/r", t)).graphql())
        .isEqualTo(URI.create("https://api.github.com/graphql"));
    assertThat(GitHubClient.create(ForgeSettings.of(ForgeKind.GITHUB, "o/r", t)
        .withApiBase(URI.create("https://ghe.example.com/api/v3"))).graphql())
        .isEqualTo(URI.create("https://ghe.example.com/api/graphql"));
  }
}
