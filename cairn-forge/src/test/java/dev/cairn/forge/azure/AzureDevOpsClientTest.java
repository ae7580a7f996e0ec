package dev.cairn.forge.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CheckRun;
import dev.cairn.forge.CommentResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeAuthenticationException;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeNotFoundException;
import dev.cairn.forge.ForgePermissionException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.Forges;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequestRequest;
import dev.cairn.forge.PullRequestResult;
import dev.cairn.forge.Token;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Azure Repos comments, checks, pull requests and images against {@link FakeAzureDevOps}. */
class AzureDevOpsClientTest {
  private static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  private static final String WEB = "/fabrikam/Fiber%20Project/_git/wine";

  private final FakeAzureDevOps az = new FakeAzureDevOps();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void noProtocolViolations() {
    az.close();
    assertThat(az.stub.failures()).isEmpty();
  }

  private ForgeSettings settings(long pr) {
    return ForgeSettings.of(ForgeKind.AZURE_DEVOPS, "fabrikam/Fiber Project/wine",
            Token.of(FakeAzureDevOps.PAT, "AZURE_DEVOPS_EXT_PAT"))
        .withApiBase(az.stub.uri("")).withHeadSha(SHA).withPullRequest(pr)
        .withRetry(time.policy());
  }

  private ForgeClient client(long pr) {
    return Forges.client(settings(pr));
  }

  @Test
  void theReportIsAThreadUpdatedInPlaceByTheTokensIdentityOnly() throws Exception {
    az.addThread(12, "0000-other", "LGTM");
    az.addThread(12, "0000-other", "copied\n\n<!-- cairn-report -->");

    ForgeClient c = client(12);
    CommentResult first = c.updateComment(CommentTarget.auto(), "v1");
    CommentResult second = c.updateComment(CommentTarget.auto(), "v2");

    assertThat(first.action()).isEqualTo(CommentResult.Action.CREATED);
    assertThat(second.action()).isEqualTo(CommentResult.Action.UPDATED);
    assertThat(second.id()).isEqualTo(first.id()).endsWith("/1");
    assertThat(second.url()).isEqualTo(az.stub.uri(WEB) + "/pullrequest/12?discussionId="
        + first.id().split("/")[0]);
    assertThat(az.contents(12)).containsExactly("LGTM", "copied\n\n<!-- cairn-report -->",
        "v2\n\n<!-- cairn-report -->");
    assertThat(az.threads.get(12L).get(2).path("status").asText()).isEqualTo("closed");
    assertThat(az.stub.exchanges("GET")).filteredOn(x -> x.request().path().endsWith(
        "/connectionData")).hasSize(1);
  }

  @Test
  void commitAndIssueTargetsAreRefusedWithWhatToDo() {
    ForgeUsageException commit = catchThrowableOfType(ForgeUsageException.class,
        () -> client(0).createComment(CommentTarget.auto(), "r"));
    ForgeUsageException issue = catchThrowableOfType(ForgeUsageException.class,
        () -> client(0).createComment(CommentTarget.issue(3), "r"));

    assertThat(commit.getMessage()).isEqualTo("Azure Repos has no commit comments, and no active"
        + " pull request of fabrikam/Fiber Project/wine was found for target 'auto': run on a pull"
        + " request, or pass pr/<number>");
    assertThat(issue.getMessage()).isEqualTo("Azure DevOps has work items, not issues: comment on"
        + " a pull request (pr/<number>) instead of 'issue/3'");
  }

  @Test
  void autoFindsThePullRequestOfTheCommitOnALaterPage() throws Exception {
    for (int i = 0; i < 150; i++) {
      az.addPull("refs/heads/f" + i, "refs/heads/main", String.format("%040x", i));
    }
    az.addPull("refs/heads/cairn", "refs/heads/main", SHA);

    assertThat(client(0).resolveTarget(CommentTarget.auto())).isEqualTo(CommentTarget.pr(170));
    assertThat(az.stub.exchanges("GET")).extracting(x -> x.request().query()).containsExactly(
        "searchCriteria.status=active&$top=100&$skip=0&api-version=7.0",
        "searchCriteria.status=active&$top=100&$skip=100&api-version=7.0");
  }

  @Test
  void aCheckIsACommitAndPullRequestStatusWithTheReportAsAThread() throws Exception {
    CheckResult r = client(12).publishCheck(CheckRun.of("cairn", CheckConclusion.NEUTRAL, "## R")
        .withTitle("no gates configured"));

    assertThat(r.kind()).isEqualTo(CheckResult.Kind.PULL_REQUEST_STATUS);
    assertThat(az.contents(12)).containsExactly("## R\n\n<!-- cairn-report id=check cairn -->");
    ObjectNode commit = az.commitStatuses.get(0);
    assertThat(commit.path("state").asText()).isEqualTo("notApplicable");
    assertThat(commit.path("description").asText()).isEqualTo("no gates configured");
    assertThat(commit.at("/context/name").asText()).isEqualTo("cairn");
    assertThat(commit.at("/context/genre").asText()).isEqualTo("cairn");
    assertThat(commit.path("targetUrl").asText()).isEqualTo(r.report().orElseThrow().url());
    assertThat(az.prStatuses.get(12L)).singleElement()
        .satisfies(s -> assertThat(s.path("state").asText()).isEqualTo("notApplicable"));
  }

  @Test
  void withoutAPullRequestOnlyTheCommitStatusIsSetAndTheReportIsSaidToBeMissing()
      throws Exception {
    CheckResult r = client(0).publishCheck(CheckRun.of("cairn", CheckConclusion.FAILURE, "r")
        .withDetailsUrl("https://dev.azure.com/fabrikam/Fiber%20Project/_build/results?buildId=7"));

    assertThat(r.kind()).isEqualTo(CheckResult.Kind.COMMIT_STATUS);
    assertThat(r.report()).isEmpty();
    assertThat(r.warnings()).singleElement().asString()
        .startsWith("The report of check 'cairn' was not posted: Azure Repos has no commit comments");
    assertThat(az.commitStatuses).singleElement().satisfies(s -> {
      assertThat(s.path("state").asText()).isEqualTo("failed");
      assertThat(s.path("targetUrl").asText()).endsWith("_build/results?buildId=7");
    });
  }

  @Test
  void opensAPullRequestWithLabelsAndReusesItOnARerun() throws Exception {
    PullRequestRequest req = PullRequestRequest.of("cairn/a1b2c3d", "main", "Retrain", "## R")
        .withLabels(List.of("model", "nightly"));

    PullRequestResult first = client(0).openPullRequest(req);
    PullRequestResult second = client(0).openPullRequest(req.withLabels(List.of()));

    assertThat(first.action()).isEqualTo(PullRequestResult.Action.CREATED);
    assertThat(first.pullRequest().url()).isEqualTo(az.stub.uri(WEB) + "/pullrequest/20");
    assertThat(first.pullRequest().headBranch()).isEqualTo("cairn/a1b2c3d");
    assertThat(az.pull(20).path("sourceRefName").asText()).isEqualTo("refs/heads/cairn/a1b2c3d");
    assertThat(az.labels.get(20L)).containsExactly("model", "nightly");
    assertThat(second.action()).isEqualTo(PullRequestResult.Action.REUSED);
    assertThat(second.pullRequest().number()).isEqualTo(20);
    assertThat(az.pulls).hasSize(1);
  }

  @Test
  void aDescriptionOverFourThousandCharactersIsCut() throws Exception {
    PullRequestResult r = client(0).openPullRequest(PullRequestRequest.of("cairn/x", "main", "t",
        "z".repeat(5000)));

    assertThat(r.descriptionCut()).isTrue();
    assertThat(az.pull(20).path("description").asText()).hasSizeLessThanOrEqualTo(4000)
        .contains("Azure DevOps's limit of 4000 characters");
  }

  @Test
  void autoMergeIsAutoCompleteSetByTheTokensIdentity() throws Exception {
    AutoMergeResult m = client(0).openPullRequest(PullRequestRequest.of("cairn/x", "main", "t",
        "b").withAutoMerge(MergeMethod.SQUASH)).autoMerge().orElseThrow();

    assertThat(m.state()).isEqualTo(AutoMergeResult.State.ENABLED);
    ObjectNode pr = az.pull(20);
    assertThat(pr.at("/autoCompleteSetBy/id").asText()).isEqualTo(FakeAzureDevOps.ME);
    assertThat(pr.at("/completionOptions/mergeStrategy").asText()).isEqualTo("squash");
  }

  @Test
  void imagesAreAttachmentsOfThePullRequestAndAReuploadReusesTheSameName() throws Exception {
    ImageAsset png = new ImageAsset("roc curve.png", "image/png", new byte[] {1, 2, 3});

    ImageLink first = client(12).uploadImage(CommentTarget.auto(), png);
    ImageLink again = client(12).uploadImage(CommentTarget.auto(), png);

    String name = "cairn-" + png.sha256().substring(0, 16) + "-roc-curve.png";
    assertThat(az.attachments.get(12L)).containsOnlyKeys(name);
    assertThat(az.attachments.get(12L).get(name)).containsExactly(1, 2, 3);
    assertThat(first.url()).endsWith("/pullRequests/12/attachments/" + name);
    assertThat(again.url()).isEqualTo(first.url());
    assertThat(first.markdown()).startsWith("![roc curve.png](");
  }

  @Test
  void theJobTokenGoesAsBearerAndAPatAsBasic() throws Exception {
    az.expectedAuth = "Bearer " + FakeAzureDevOps.JWT;
    ForgeClient job = Forges.client(ForgeSettings.of(ForgeKind.AZURE_DEVOPS,
            "fabrikam/Fiber Project/wine", Token.of(FakeAzureDevOps.JWT, "SYSTEM_ACCESSTOKEN"))
        .withApiBase(az.stub.uri("")).withPullRequest(12).withRetry(time.policy()));

    job.createComment(CommentTarget.auto(), "from the pipeline");

    assertThat(az.contents(12)).hasSize(1);
  }

  @Test
  void aSignInPageInsteadOfJsonIsARejectedToken() {
    az.stub.on("GET", FakeAzureDevOps.REPO + "/pullRequests/(\\d+)/threads", (r, m) ->
        new Reply(203, Map.of("Content-Type", "text/html"),
            "<html/>".getBytes(StandardCharsets.UTF_8)));

    ForgeAuthenticationException e = catchThrowableOfType(ForgeAuthenticationException.class,
        () -> client(12).updateComment(CommentTarget.auto(), "r"));

    assertThat(e.getMessage()).isEqualTo("Azure DevOps answered a sign-in page (HTTP 203) instead"
        + " of JSON while trying to list the threads of pull request #12 in fabrikam/Fiber"
        + " Project/wine: the token from AZURE_DEVOPS_EXT_PAT was not accepted; check that it is"
        + " valid, not expired, and belongs to organization fabrikam");
  }

  @Test
  void httpFailuresAreOneLineWithAzureDevOpsWords() {
    az.expectedAuth = "nothing";
    ForgeAuthenticationException auth = catchThrowableOfType(ForgeAuthenticationException.class,
        () -> client(12).createComment(CommentTarget.auto(), "r"));
    assertThat(auth.getMessage()).startsWith("Azure DevOps rejected the token from"
        + " AZURE_DEVOPS_EXT_PAT (HTTP 401: TF400813: The user '' is not authorized to access"
        + " this resource.) while trying to comment on pull request #12")
        .doesNotContain(FakeAzureDevOps.PAT);

    az.stub.on("POST", FakeAzureDevOps.REPO + "/pullRequests/(\\d+)/threads", (r, m) ->
        Reply.json(403, "{\"message\":\"TF401027: You need the Git 'PullRequestContribute'"
            + " permission to perform this action.\"}"));
    az.expectedAuth = "Basic " + Base64.getEncoder().encodeToString((":"
        + FakeAzureDevOps.PAT).getBytes(StandardCharsets.UTF_8));
    ForgePermissionException perm = catchThrowableOfType(ForgePermissionException.class,
        () -> client(12).createComment(CommentTarget.auto(), "r"));
    assertThat(perm.getMessage()).contains("needs scope 'Code (read and write)'");

    az.stub.on("GET", FakeAzureDevOps.REPO + "/pullrequests", (r, m) ->
        FakeAzureDevOps.notFound("TF401019: The Git repository with name or identifier wine does"
            + " not exist or you do not have permissions for the operation you are attempting."));
    ForgeNotFoundException nf = catchThrowableOfType(ForgeNotFoundException.class,
        () -> client(0).findPullRequest("cairn/x", "main"));
    assertThat(nf.getMessage()).contains("TF401019");
  }

  @Test
  void throttlingIsWaitedOutAsRetryAfterSays() throws Exception {
    int[] calls = {0};
    az.stub.on("GET", FakeAzureDevOps.REPO + "/pullRequests/(\\d+)/threads", (r, m) ->
        calls[0]++ == 0
            ? Reply.json(429, "{\"message\":\"Request was blocked due to exceeding usage of"
                + " resource 'Throughput'\"}").with("Retry-After", "12")
                .with("X-RateLimit-Resource", "Core").with("X-RateLimit-Delay", "1.5")
            : Reply.json(200, "{\"count\":0,\"value\":[]}"));

    client(12).updateComment(CommentTarget.auto(), "r");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
  }
}
