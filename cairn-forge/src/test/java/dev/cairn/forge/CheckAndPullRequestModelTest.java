package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.forge.ci.ForgeTokens;
import dev.cairn.forge.internal.CommentingClient;
import dev.cairn.forge.internal.StatusUpdate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values of the check and pull request API: parsing, validation and derived names. */
class CheckAndPullRequestModelTest {
  @Test
  void conclusionsAndMergeMethodsParseCmlsWords() {
    assertThat(CheckConclusion.parse("Failure")).isEqualTo(CheckConclusion.FAILURE);
    assertThatThrownBy(() -> CheckConclusion.parse("skipped"))
        .hasMessage("Unknown conclusion 'skipped': use success, failure or neutral");
    assertThat(MergeMethod.parse(" squash ")).isEqualTo(MergeMethod.SQUASH);
    assertThatThrownBy(() -> MergeMethod.parse("ff"))
        .hasMessage("Unknown merge method 'ff': use merge, squash or rebase");
  }

  @Test
  void checkRunsAreValidated() {
    assertThatThrownBy(() -> CheckRun.of(" ", CheckConclusion.SUCCESS, "r"))
        .hasMessageStartingWith("Invalid check name ' '");
    assertThatThrownBy(() -> CheckRun.of("c", CheckConclusion.SUCCESS, "r").withHeadSha("main"))
        .hasMessage("Invalid commit SHA 'main'");
    assertThatThrownBy(() -> CheckRun.of("c", CheckConclusion.SUCCESS, "r")
        .withDetailsUrl("javascript:alert(1)"))
        .hasMessageStartingWith("Invalid details URL");
    assertThat(CheckRun.of("cairn", CheckConclusion.NEUTRAL, "r").effectiveTitle())
        .isEqualTo("cairn: neutral");
    assertThatThrownBy(() -> CheckAnnotation.failure("/etc/passwd", "t", "m"))
        .hasMessageStartingWith("Invalid annotation path '/etc/passwd'");
    assertThatThrownBy(() -> CheckAnnotation.failure("cairn.yaml", "t", "m").atLines(3, 2))
        .hasMessage("Invalid annotation lines 3-2 in cairn.yaml");
  }

  @Test
  void annotationsBecomeOneMarkdownLine() {
    assertThat(CheckAnnotation.failure("cairn.yaml", "accuracy", "0.52 < min\n0.55").atLines(4, 4)
        .markdownLine()).isEqualTo("- ❌ **accuracy** (cairn.yaml:4): 0.52 < min 0.55");
  }

  @Test
  void pullRequestRequestsAreValidated() {
    assertThatThrownBy(() -> PullRequestRequest.of("refs/heads/x", "main", "t", "b"))
        .hasMessage("Invalid branch name 'refs/heads/x': give a plain branch name such as main");
    assertThatThrownBy(() -> PullRequestRequest.of("a..b", "main", "t", "b"))
        .hasMessageStartingWith("Invalid branch name 'a..b'");
    assertThatThrownBy(() -> PullRequestRequest.of("main", "main", "t", "b"))
        .hasMessage("The pull request's branch and its target are both 'main'");
    assertThatThrownBy(() -> PullRequestRequest.of("cairn/1", "main", "two\nlines", "b"))
        .hasMessage("A pull request needs a one-line title");
    assertThatThrownBy(() -> PullRequestRequest.of("cairn/1", "main", "t", "b")
        .withLabels(List.of("a,b")))
        .hasMessage("Invalid label 'a,b': use up to 50 characters without commas");
    assertThat(PullRequestRequest.of("cairn/1a2b3c4", "release/2.x", "t", "b").headBranch())
        .isEqualTo("cairn/1a2b3c4");
  }

  @Test
  void statusKeysAndReportMarkersComeFromTheCheckName() {
    StatusUpdate s = new StatusUpdate("a1", "Cairn report: model/quality", CheckConclusion.SUCCESS,
        "d", "", 0);
    assertThat(s.key(255)).isEqualTo("cairn-report-model-quality");
    assertThat(s.key(10)).isEqualTo("cairn-repo");
    assertThat(CommentingClient.checkMarker("gates <all> --fast").text())
        .isEqualTo("<!-- cairn-report id=check gates -all- -fast -->");
  }

  @Test
  void tokensOfTheNewForges() throws Exception {
    assertThat(ForgeTokens.variables(ForgeKind.AZURE_DEVOPS))
        .containsExactly("REPO_TOKEN", "AZURE_DEVOPS_EXT_PAT", "SYSTEM_ACCESSTOKEN");
    assertThat(ForgeTokens.resolve(null, ForgeKind.AZURE_DEVOPS,
        Map.of("SYSTEM_ACCESSTOKEN", "eyJ.a.b", "GITHUB_TOKEN", "g")).orElseThrow().source())
        .isEqualTo("SYSTEM_ACCESSTOKEN");
    assertThat(ForgeTokens.resolve(null, ForgeKind.BITBUCKET_SERVER,
        Map.of("BITBUCKET_TOKEN", "cloud"))).isEmpty();
    assertThatThrownBy(() -> ForgeTokens.require(null, ForgeKind.AZURE_DEVOPS, Map.of()))
        .hasMessage("No Azure DevOps token: pass --token or set REPO_TOKEN or AZURE_DEVOPS_EXT_PAT"
            + " or SYSTEM_ACCESSTOKEN; in Azure Pipelines map the job's token into the step with"
            + " 'env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)'");
  }
}
