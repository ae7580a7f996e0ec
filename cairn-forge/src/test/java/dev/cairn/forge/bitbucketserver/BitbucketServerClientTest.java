package dev.cairn.forge.bitbucketserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CheckRun;
import dev.cairn.forge.CommentResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeAuthenticationException;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.Forges;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequestRequest;
import dev.cairn.forge.PullRequestResult;
import dev.cairn.forge.Token;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bitbucket Server / Data Center against {@link FakeBitbucketServer}. */
class BitbucketServerClientTest {
  private static final String SHA = "c0ffee0123456789c0ffee0123456789c0ffee01";

  private final FakeBitbucketServer bb = new FakeBitbucketServer();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void noProtocolViolations() {
    bb.close();
    assertThat(bb.stub.failures()).isEmpty();
  }

  private ForgeSettings settings(long pr) {
    return ForgeSettings.of(ForgeKind.BITBUCKET_SERVER, "PROJ/wine",
            Token.of(FakeBitbucketServer.TOKEN, "BITBUCKET_SERVER_TOKEN"))
        .withApiBase(bb.stub.uri("/rest/api/1.0")).withHeadSha(SHA).withPullRequest(pr)
        .withRetry(time.policy());
  }

  private ForgeClient client(long pr) {
    return Forges.client(settings(pr));
  }

  @Test
  void ourCommentIsFoundInTheActivitiesOfEveryPageAndEditedWithItsVersion() throws Exception {
    bb.addPrComment(5, "alice", "LGTM");
    CommentResult created = client(5).updateComment(CommentTarget.auto(), "v1");
    bb.addPrComment(5, "mallory", "copy\n\n<!-- cairn-report -->");
    for (int i = 0; i < 130; i++) {
      bb.addOtherActivity(5, i % 2 == 0 ? "APPROVED" : "RESCOPED");
    }

    CommentResult updated = client(5).updateComment(CommentTarget.auto(), "v2");

    assertThat(created.action()).isEqualTo(CommentResult.Action.CREATED);
    assertThat(updated.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(updated.id()).isEqualTo(created.id());
    assertThat(updated.url()).isEqualTo(bb.stub.uri("") + "/projects/PROJ/repos/wine/"
        + "pull-requests/5/overview?commentId=" + created.id());
    assertThat(bb.texts(5)).containsExactly("LGTM", "v2\n\n<!-- cairn-report -->",
        "copy\n\n<!-- cairn-report -->");
    assertThat(bb.stub.exchanges("GET")).filteredOn(x -> x.request().path().endsWith(
        "/activities")).extracting(x -> x.request().query())
        .contains("limit=100&start=0", "limit=100&start=100");
    assertThat(bb.stub.exchanges("PUT")).singleElement().satisfies(x ->
        assertThat(x.request().json().path("version").asLong()).isZero());
  }

  @Test
  void aCommentThatMovedOnIsReReadOnceAndEdited() throws Exception {
    CommentResult c = client(5).createComment(CommentTarget.auto(), "v1");
    bb.conflictsToSend = 1;

    CommentResult u = client(5).updateComment(CommentTarget.auto(), "v2");

    assertThat(u.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(bb.comments.get(Long.parseLong(c.id())).path("text").asText())
        .isEqualTo("v2\n\n<!-- cairn-report -->");
    assertThat(bb.stub.exchanges("PUT")).hasSize(2);
  }

  @Test
  void withoutAPullRequestTheReportIsACommitComment() throws Exception {
    CommentResult first = client(0).updateComment(CommentTarget.auto(), "v1");
    CommentResult second = client(0).updateComment(CommentTarget.auto(), "v2");

    assertThat(first.target()).isEqualTo(CommentTarget.commit(SHA));
    assertThat(second.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(bb.commitComments.get(SHA)).singleElement().satisfies(c ->
        assertThat(c.path("text").asText()).isEqualTo("v2\n\n<!-- cairn-report -->"));
  }

  @Test
  void theOpenPullRequestOfTheCommitIsUsed() throws Exception {
    bb.addPull("refs/heads/feature", "refs/heads/main", SHA);

    assertThat(client(0).resolveTarget(CommentTarget.auto())).isEqualTo(CommentTarget.pr(1));
  }

  @Test
  void issuesAndImagesAreRefusedWithWhatToDoInstead() {
    ForgeUsageException issue = catchThrowableOfType(ForgeUsageException.class,
        () -> client(5).createComment(CommentTarget.issue(1), "x"));
    ForgeUsageException image = catchThrowableOfType(ForgeUsageException.class,
        () -> client(5).uploadImage(CommentTarget.auto(),
            new ImageAsset("roc.png", "image/png", new byte[] {1})));

    assertThat(issue.getMessage()).isEqualTo("Bitbucket Server has no issues: comment on a pull"
        + " request (pr/<number>) or a commit (commit/<sha>) instead of 'issue/1'");
    assertThat(image.getMessage()).startsWith("Bitbucket Server's REST API documents no"
        + " attachment upload, so image roc.png cannot be stored there");
    assertThat(bb.stub.exchanges()).isEmpty();
  }

  @Test
  void aCheckIsABuildStatusWithTheReportAsAComment() throws Exception {
    CheckResult r = client(5).publishCheck(CheckRun.of("Cairn report", CheckConclusion.FAILURE,
        "## R").withTitle("accuracy gate failed"));

    assertThat(bb.builds).singleElement().satisfies(b -> {
      assertThat(b.path("key").asText()).isEqualTo("cairn-report");
      assertThat(b.path("state").asText()).isEqualTo("FAILED");
      assertThat(b.path("name").asText()).isEqualTo("Cairn report");
      assertThat(b.path("description").asText()).isEqualTo("accuracy gate failed");
      assertThat(b.path("url").asText()).isEqualTo(r.report().orElseThrow().url());
    });
    assertThat(bb.texts(5)).containsExactly("## R\n\n<!-- cairn-report id=check Cairn report -->");
  }

  @Test
  void anOlderServerGetsTheLegacyBuildStatusAndTheCommitAsUrl() throws Exception {
    bb.repoBuildsEndpoint = false;

    client(0).publishCheck(CheckRun.of("cairn", CheckConclusion.SUCCESS, "r")
        .withPostReport(false));

    assertThat(bb.legacyBuilds).singleElement().satisfies(b -> {
      assertThat(b.path("state").asText()).isEqualTo("SUCCESSFUL");
      assertThat(b.path("url").asText()).isEqualTo(bb.stub.uri("")
          + "/projects/PROJ/repos/wine/commits/" + SHA);
    });
  }

  @Test
  void opensAPullRequestBetweenBranchesOfTheRepository() throws Exception {
    PullRequestResult r = client(0).openPullRequest(PullRequestRequest.of("cairn/c0ffee0", "main",
        "Retrain", "## Report"));

    assertThat(r.action()).isEqualTo(PullRequestResult.Action.CREATED);
    assertThat(r.pullRequest().url())
        .isEqualTo("https://bitbucket.example.com/projects/PROJ/repos/wine/pull-requests/1");
    JsonNode sent = bb.stub.exchanges("POST").get(0).request().json();
    assertThat(sent.at("/fromRef/id").asText()).isEqualTo("refs/heads/cairn/c0ffee0");
    assertThat(sent.at("/toRef/repository/slug").asText()).isEqualTo("wine");
    assertThat(sent.at("/toRef/repository/project/key").asText()).isEqualTo("PROJ");
  }

  @Test
  void theOpenOneIsFoundOnALaterPageAndUpdatedWithItsVersionKeepingReviewers()
      throws Exception {
    for (int i = 0; i < 120; i++) {
      bb.addPull("refs/heads/cairn/c0ffee0", "refs/heads/release-" + i, "");
    }
    bb.addPull("refs/heads/cairn/c0ffee0", "refs/heads/main", "");

    PullRequestResult r = client(0).openPullRequest(PullRequestRequest.of("cairn/c0ffee0", "main",
        "Retrain again", "new report").withUpdateExisting(true));

    assertThat(r.action()).isEqualTo(PullRequestResult.Action.UPDATED);
    assertThat(r.pullRequest().number()).isEqualTo(121);
    assertThat(bb.pull(121).path("description").asText()).isEqualTo("new report");
    assertThat(bb.pull(121).path("cairnReviewersSent")).extracting(x -> x.at("/user/name")
        .asText()).containsExactly("alice");
  }

  @Test
  void labelsAreRefusedBeforeAnythingIsSent() {
    ForgeUsageException e = catchThrowableOfType(ForgeUsageException.class,
        () -> client(0).openPullRequest(PullRequestRequest.of("cairn/1", "main", "t", "b")
            .withLabels(List.of("model"))));

    assertThat(e.getMessage()).isEqualTo("Bitbucket Server pull requests have no labels: leave"
        + " out model");
    assertThat(bb.stub.exchanges()).isEmpty();
  }

  @Test
  void autoMergeOnADataCenterWithIt() throws Exception {
    AutoMergeResult m = client(0).openPullRequest(PullRequestRequest.of("cairn/1", "main", "t",
        "b").withAutoMerge(MergeMethod.REBASE)).autoMerge().orElseThrow();

    assertThat(m.state()).isEqualTo(AutoMergeResult.State.ENABLED);
    assertThat(bb.merges).singleElement().satisfies(b -> {
      assertThat(b.path("autoMerge").asBoolean()).isTrue();
      assertThat(b.path("strategyId").asText()).isEqualTo("rebase-ff-only");
    });
  }

  @Test
  void anOlderServerIsRefusedRatherThanMergedAtOnce() throws Exception {
    bb.version = "8.9.4";
    bb.addPull("refs/heads/cairn/1", "refs/heads/main", "");

    ForgeUsageException e = catchThrowableOfType(ForgeUsageException.class,
        () -> client(0).enableAutoMerge(1, MergeMethod.SQUASH));

    assertThat(e.getMessage()).isEqualTo("Bitbucket Server 8.9.4 has no auto-merge (Data Center"
        + " 8.15 and later have): leave out --squash and merge pull request #1 in PROJ/wine once"
        + " its builds pass");
    assertThat(bb.merges).isEmpty();
    assertThat(BitbucketServerClient.atLeast("8.15.0", 8, 15)).isTrue();
    assertThat(BitbucketServerClient.atLeast("9.0", 8, 15)).isTrue();
    assertThat(BitbucketServerClient.atLeast("8.14.9", 8, 15)).isFalse();
  }

  @Test
  void aRejectedTokenIsOneLineWithBitbucketsWords() {
    ForgeClient wrong = Forges.client(ForgeSettings.of(ForgeKind.BITBUCKET_SERVER, "PROJ/wine",
            Token.of("wrong", "BITBUCKET_SERVER_TOKEN")).withApiBase(bb.stub.uri("/rest/api/1.0"))
        .withPullRequest(5).withRetry(time.policy()));

    ForgeAuthenticationException e = catchThrowableOfType(ForgeAuthenticationException.class,
        () -> wrong.createComment(CommentTarget.auto(), "x"));

    assertThat(e.getMessage()).startsWith("Bitbucket Server rejected the token from"
        + " BITBUCKET_SERVER_TOKEN (HTTP 401: Authentication failed. Please check your credentials"
        + " and try again.) while trying to comment on pull request #5 in PROJ/wine");
  }

  @Test
  void rateLimitingIsWaitedOut() throws Exception {
    int[] calls = {0};
    bb.stub.on("POST", FakeBitbucketServer.REPO + "/pull-requests/(\\d+)/comments", (r, m) ->
        calls[0]++ == 0
            ? Reply.json(429, "{\"errors\":[{\"message\":\"Rate limit exceeded\"}]}")
                .with("Retry-After", "3")
            : Reply.json(201, bb.addPrComment(5, FakeBitbucketServer.BOT, "ok")));

    client(5).createComment(CommentTarget.auto(), "x");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
  }
}
