package dev.cairn.forge.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.forge.CommentResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.Forges;
import dev.cairn.forge.ReportMarker;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer.Exchange;
import dev.cairn.forge.stub.StubServer.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitHubClientTest {
  private final FakeGitHub gh = new FakeGitHub();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void noProtocolViolations() {
    gh.close();
    assertThat(gh.stub.failures()).isEmpty();
  }

  private ForgeClient client() {
    return Forges.client(gh.settings(time).withPullRequest(7));
  }

  @Test
  void createPostsMarkdownWithHiddenMarkerOnThePullRequest() throws Exception {
    CommentResult r = client().createComment(CommentTarget.auto(), "## Metrics\n| a | b |");

    assertThat(r.action()).isEqualTo(CommentResult.Action.CREATED);
    assertThat(r.target()).isEqualTo(CommentTarget.pr(7));
    assertThat(r.url()).contains("/pull/7#issuecomment-");
    assertThat(gh.bodies(7)).containsExactly("## Metrics\n| a | b |\n\n<!-- cairn-report -->");
  }

  @Test
  void updateEditsOurCommentInPlace() throws Exception {
    gh.addIssueComment(7, "someone", "LGTM");
    long ours = gh.addIssueComment(7, "cairn-bot", "old\n\n<!-- cairn-report -->").path("id").asLong();
    gh.addIssueComment(7, "someone", "thanks");

    CommentResult r = client().updateComment(CommentTarget.pr(), "new report");

    assertThat(r.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(r.id()).isEqualTo(Long.toString(ours));
    assertThat(gh.bodies(7)).containsExactly("LGTM", "new report\n\n<!-- cairn-report -->", "thanks");
    assertThat(gh.stub.exchanges("POST")).isEmpty();
  }

  @Test
  void updateWithoutOurCommentCreatesOne() throws Exception {
    gh.addIssueComment(7, "someone", "LGTM");

    CommentResult r = client().updateComment(CommentTarget.auto(), "report");

    assertThat(r.action()).isEqualTo(CommentResult.Action.CREATED);
    assertThat(gh.bodies(7)).hasSize(2);
  }

  @Test
  void updatePagesThroughMoreThanOneHundredComments() throws Exception {
    for (int i = 0; i < 250; i++) {
      if (i == 3) {
        gh.addIssueComment(7, "cairn-bot", "oldest\n<!-- cairn-report -->");
      } else if (i == 230) {
        gh.addIssueComment(7, "cairn-bot", "newest\n<!-- cairn-report -->");
      } else {
        gh.addIssueComment(7, "reviewer" + (i % 5), "comment " + i);
      }
    }

    CommentResult r = client().updateComment(CommentTarget.auto(), "fresh");

    assertThat(r.action()).isEqualTo(CommentResult.Action.UPDATED);
    List<String> bodies = gh.bodies(7);
    assertThat(bodies.get(230)).isEqualTo("fresh\n\n<!-- cairn-report -->");
    assertThat(bodies.get(3)).isEqualTo("oldest\n<!-- cairn-report -->");
    List<Exchange> gets = gh.stub.exchanges("GET");
    assertThat(gets.stream().filter(x -> x.request().path().endsWith("/issues/7/comments")))
        .hasSize(3);
    assertThat(gets.get(0).request().query()).isEqualTo("per_page=100");
    // later pages follow GitHub's Link header verbatim (repository id form)
    assertThat(gets.get(2).request().path()).isEqualTo("/api/v3/repositories/1296269/issues/7/comments");
    assertThat(gets.get(2).request().query()).isEqualTo("per_page=100&page=3");
  }

  @Test
  void anotherUsersMarkedCommentIsLeftAlone() throws Exception {
    gh.addIssueComment(7, "mallory", "fake report\n\n<!-- cairn-report -->");

    CommentResult r = client().updateComment(CommentTarget.auto(), "real report");

    assertThat(r.action()).isEqualTo(CommentResult.Action.CREATED);
    assertThat(gh.bodies(7))
        .containsExactly("fake report\n\n<!-- cairn-report -->", "real report\n\n<!-- cairn-report -->");
    assertThat(gh.stub.exchanges("PATCH")).isEmpty();
  }

  @Test
  void cmlWatermarkedCommentIsTakenOver() throws Exception {
    gh.addIssueComment(7, "cairn-bot",
        "# CML Report\n\n![](https://cml.dev/watermark.png#1a2b3c4d \"CML watermark\")");

    CommentResult r = client().updateComment(CommentTarget.auto(), "cairn report");

    assertThat(r.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(gh.bodies(7)).containsExactly("cairn report\n\n<!-- cairn-report -->");
  }

  @Test
  void labelledMarkersAreUpdatedIndependently() throws Exception {
    gh.addIssueComment(7, "cairn-bot", "gpu\n\n<!-- cairn-report id=gpu -->");
    gh.addIssueComment(7, "cairn-bot", "plain\n\n<!-- cairn-report -->");
    ForgeSettings s = gh.settings(time).withPullRequest(7).withMarker(ReportMarker.of("gpu"));

    Forges.client(s).updateComment(CommentTarget.auto(), "gpu v2");

    assertThat(gh.bodies(7))
        .containsExactly("gpu v2\n\n<!-- cairn-report id=gpu -->", "plain\n\n<!-- cairn-report -->");
  }

  @Test
  void withGithubTokenTheActionsBotCountsAsUs() throws Exception {
    gh.userEndpointForbidden = true;
    gh.addIssueComment(7, "github-actions[bot]", "old\n\n<!-- cairn-report -->");
    gh.addIssueComment(7, "cairn-bot", "not ours this time\n\n<!-- cairn-report -->");

    CommentResult r = client().updateComment(CommentTarget.auto(), "new");

    assertThat(r.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(gh.bodies(7).get(0)).isEqualTo("new\n\n<!-- cairn-report -->");
  }

  @Test
  void explicitCommentAuthorOverridesTheLookup() throws Exception {
    gh.addIssueComment(7, "ci-robot", "old\n\n<!-- cairn-report -->");
    ForgeSettings s = gh.settings(time).withPullRequest(7).withCommentAuthor("ci-robot");

    assertThat(Forges.client(s).updateComment(CommentTarget.auto(), "new").action())
        .isEqualTo(CommentResult.Action.UPDATED);
    assertThat(gh.stub.exchanges().stream().map(x -> x.request().path()))
        .doesNotContain("/api/v3/user");
  }

  @Test
  void autoFindsTheOpenPullRequestOfTheCommit() throws Exception {
    gh.addPull(11, "closed");
    gh.addPull(12, "open");
    ForgeClient c = Forges.client(gh.settings(time));

    assertThat(c.resolveTarget(CommentTarget.auto())).isEqualTo(CommentTarget.pr(12));
    c.createComment(CommentTarget.auto(), "x");
    assertThat(gh.bodies(12)).hasSize(1);
  }

  @Test
  void autoFallsBackToACommitCommentWithoutPullRequest() throws Exception {
    gh.addPull(11, "closed");
    ForgeClient c = Forges.client(gh.settings(time));

    CommentResult r = c.createComment(CommentTarget.auto(), "x");

    assertThat(r.target()).isEqualTo(CommentTarget.commit(FakeGitHub.SHA));
    assertThat(r.url()).contains("/commit/" + FakeGitHub.SHA);
    assertThat(gh.commitComments.get(FakeGitHub.SHA)).hasSize(1);
  }

  @Test
  void prTargetWithoutPullRequestFailsClearly() {
    ForgeClient c = Forges.client(gh.settings(time));

    assertThatThrownBy(() -> c.createComment(CommentTarget.pr(), "x"))
        .hasMessage("No open pull request of octo/wine contains commit " + FakeGitHub.SHA
            + ": use --target commit, or pr/<number>");
  }

  @Test
  void commitCommentsAreUpdatedInPlace() throws Exception {
    gh.addCommitComment(FakeGitHub.SHA, "cairn-bot", "old\n\n<!-- cairn-report -->");
    ForgeClient c = Forges.client(gh.settings(time));

    CommentResult r = c.updateComment(CommentTarget.commit(), "new");

    assertThat(r.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(gh.commitComments.get(FakeGitHub.SHA).get(0).path("body").asText())
        .isEqualTo("new\n\n<!-- cairn-report -->");
    assertThat(gh.stub.exchanges("PATCH").get(0).request().path())
        .matches("/api/v3/repos/octo/wine/comments/\\d+");
  }

  @Test
  void lockedCommitCommentIsReplacedByANewOne() throws Exception {
    gh.addCommitComment(FakeGitHub.SHA, "cairn-bot", "old\n\n<!-- cairn-report -->");
    gh.stub.on("PATCH", "/api/v3/repos/octo/wine/comments/\\d+", (r, m) -> Reply.json(422,
        "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"CommitComment\","
            + "\"code\":\"custom\",\"field\":\"commit_id\",\"message\":\"commit_id has been"
            + " locked\"}],\"documentation_url\":\"https://docs.github.com/rest\"}"));

    CommentResult r = Forges.client(gh.settings(time)).updateComment(CommentTarget.commit(), "new");

    assertThat(r.action()).isEqualTo(CommentResult.Action.CREATED);
    assertThat(gh.commitComments.get(FakeGitHub.SHA)).hasSize(2);
  }

  @Test
  void issueTargetPostsOnTheIssue() throws Exception {
    client().createComment(CommentTarget.parse("issue/3"), "x");

    assertThat(gh.bodies(3)).hasSize(1);
  }

  @Test
  void overlongReportIsCutToGithubsLimitKeepingTheMarker() throws Exception {
    String huge = "x".repeat(70_000);

    client().createComment(CommentTarget.auto(), huge);

    String body = gh.bodies(7).get(0);
    assertThat(body.length()).isLessThanOrEqualTo(GitHubClient.MAX_BODY);
    assertThat(body).contains("Report cut").endsWith("<!-- cairn-report -->");
  }
}
