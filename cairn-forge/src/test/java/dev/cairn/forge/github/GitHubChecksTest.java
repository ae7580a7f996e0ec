package dev.cairn.forge.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.CheckAnnotation;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CheckRun;
import dev.cairn.forge.ForgeAuthenticationException;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeNotFoundException;
import dev.cairn.forge.ForgePermissionException;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.Forges;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer.Exchange;
import dev.cairn.forge.stub.StubServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Check runs ({@code cml check create}) against the fake GitHub, every exchange validated against
 * GitHub's OpenAPI description (which also caps annotations at 50 per request and the summary at
 * 65,535 characters).
 */
class GitHubChecksTest {
  private static final String CHECK_RUNS = "/api/v3/repos/octo/wine/check-runs";

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

  private static List<CheckAnnotation> gates(int n) {
    List<CheckAnnotation> a = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      a.add(CheckAnnotation.failure("cairn.yaml", "gate" + i, "accuracy 0.5" + i + " < min 0.6")
          .atLines(i + 2, i + 2));
    }
    return a;
  }

  @Test
  void createsACheckRunWithConclusionSummaryAndAnnotations() throws Exception {
    CheckRun run = CheckRun.of("Cairn report", CheckConclusion.FAILURE, "## Gates\n❌ accuracy")
        .withTitle("1 of 3 gates failed").withAnnotations(gates(2))
        .withDetailsUrl("https://ci.example/run/5");

    CheckResult r = client().publishCheck(run);

    assertThat(r.kind()).isEqualTo(CheckResult.Kind.CHECK_RUN);
    assertThat(r.updated()).isFalse();
    assertThat(r.headSha()).isEqualTo(FakeGitHub.SHA);
    assertThat(r.annotations()).isEqualTo(2);
    assertThat(r.report()).isEmpty();
    ObjectNode stored = gh.checkRuns.get(0);
    assertThat(r.url()).isEqualTo(stored.path("html_url").asText());
    assertThat(stored.path("head_sha").asText()).isEqualTo(FakeGitHub.SHA);
    assertThat(stored.path("name").asText()).isEqualTo("Cairn report");
    assertThat(stored.path("conclusion").asText()).isEqualTo("failure");
    assertThat(stored.path("details_url").asText()).isEqualTo("https://ci.example/run/5");
    assertThat(stored.at("/output/title").asText()).isEqualTo("1 of 3 gates failed");
    assertThat(stored.at("/output/summary").asText()).isEqualTo("## Gates\n❌ accuracy");
    assertThat(gh.annotationsOf.get(stored.path("id").asLong()))
        .extracting(a -> a.path("annotation_level").asText() + " " + a.path("path").asText() + ":"
            + a.path("start_line").asInt() + " " + a.path("title").asText())
        .containsExactly("failure cairn.yaml:2 gate0", "failure cairn.yaml:3 gate1");
    Exchange post = gh.stub.exchanges("POST").get(0);
    assertThat(post.request().json().path("completed_at").asText()).isEqualTo("2026-11-28T12:00:00Z");
  }

  @Test
  void aRerunUpdatesTheRunOfTheSameName() throws Exception {
    CheckResult first = client().publishCheck(CheckRun.of("Cairn", CheckConclusion.FAILURE, "v1"));
    CheckResult second = client().publishCheck(CheckRun.of("Cairn", CheckConclusion.SUCCESS, "v2"));

    assertThat(second.updated()).isTrue();
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(gh.checkRuns).hasSize(1);
    assertThat(gh.checkRuns.get(0).path("conclusion").asText()).isEqualTo("success");
    assertThat(gh.checkRuns.get(0).at("/output/summary").asText()).isEqualTo("v2");
    assertThat(gh.stub.exchanges("PATCH")).singleElement()
        .satisfies(x -> assertThat(x.request().path()).isEqualTo(CHECK_RUNS + "/" + first.id()));
    // the lookup is by name on the commit
    assertThat(gh.stub.exchanges("GET").get(0).request().query())
        .isEqualTo("check_name=Cairn&filter=latest&per_page=100");
  }

  @Test
  void aRerunAfterAnnotationsCreatesAFreshRunSoStaleOnesDoNotStay() throws Exception {
    client().publishCheck(CheckRun.of("Cairn", CheckConclusion.FAILURE, "v1")
        .withAnnotations(gates(1)));
    CheckResult second = client().publishCheck(CheckRun.of("Cairn", CheckConclusion.SUCCESS, "v2"));

    assertThat(second.updated()).isFalse();
    assertThat(gh.checkRuns).hasSize(2);
    assertThat(gh.annotationsOf.get(Long.parseLong(second.id()))).isEmpty();
  }

  @Test
  void annotationsGoFiftyPerRequest() throws Exception {
    CheckResult r = client().publishCheck(CheckRun.of("Cairn", CheckConclusion.FAILURE, "many")
        .withAnnotations(gates(120)));

    assertThat(r.annotations()).isEqualTo(120);
    assertThat(gh.annotationsOf.get(Long.parseLong(r.id()))).hasSize(120);
    assertThat(gh.stub.exchanges("POST").get(0).request().json().at("/output/annotations"))
        .hasSize(50);
    assertThat(gh.stub.exchanges("PATCH"))
        .extracting(x -> x.request().json().at("/output/annotations").size())
        .containsExactly(50, 20);
  }

  @Test
  void aSummaryOverTheLimitIsCutWithANote() throws Exception {
    String big = "x".repeat(70_000);

    client().publishCheck(CheckRun.of("Cairn", CheckConclusion.NEUTRAL, big));

    String summary = gh.checkRuns.get(0).at("/output/summary").asText();
    assertThat(summary).hasSizeLessThanOrEqualTo(65_535).contains("**Report cut:**");
    assertThat(gh.checkRuns.get(0).path("conclusion").asText()).isEqualTo("neutral");
  }

  @Test
  void aTokenThatCannotCreateCheckRunsGetsAStatusAndTheReportAsAComment() throws Exception {
    gh.checksNeedApp = true;

    CheckResult r = Forges.client(gh.settings(time).withPullRequest(7))
        .publishCheck(CheckRun.of("Cairn", CheckConclusion.FAILURE, "## Report")
            .withTitle("2 gates failed").withAnnotations(gates(1)));

    assertThat(r.kind()).isEqualTo(CheckResult.Kind.COMMIT_STATUS);
    assertThat(r.warnings()).singleElement().asString()
        .startsWith("GitHub refused a check run for the token from GITHUB_TOKEN");
    assertThat(r.report()).isPresent();
    assertThat(gh.bodies(7)).singleElement().asString()
        .startsWith("## Report\n\n#### 2 gates failed\n\n- ❌ **gate0** (cairn.yaml:2):")
        .endsWith("<!-- cairn-report id=check Cairn -->");
    assertThat(gh.statuses).singleElement().satisfies(s -> {
      assertThat(s.path("state").asText()).isEqualTo("failure");
      assertThat(s.path("context").asText()).isEqualTo("Cairn");
      assertThat(s.path("target_url").asText()).isEqualTo(r.report().get().url());
    });
  }

  @Test
  void aPersonalAccessTokenRefusalWithoutThatMessageIsAPermissionError() {
    gh.stub.on("POST", CHECK_RUNS, (q, m) -> Reply.json(403,
        "{\"message\":\"Resource not accessible by integration\","
            + "\"documentation_url\":\"https://docs.github.com/rest\"}"));

    ForgePermissionException e = catchThrowableOfType(ForgePermissionException.class,
        () -> client().publishCheck(CheckRun.of("Cairn", CheckConclusion.SUCCESS, "r")));

    assertThat(e.getMessage()).contains("needs permission 'checks: write'")
        .doesNotContain(FakeGitHub.TOKEN);
  }

  @Test
  void badTokenAndMissingRepositoryAreOneLine() {
    gh.stub.on("GET", "/api/v3/repos/octo/wine/commits/[0-9a-f]+/check-runs", (q, m) ->
        Reply.json(401, "{\"message\":\"Bad credentials\",\"documentation_url\":\"x\"}"));
    ForgeAuthenticationException auth = catchThrowableOfType(ForgeAuthenticationException.class,
        () -> client().publishCheck(CheckRun.of("Cairn", CheckConclusion.SUCCESS, "r")));
    assertThat(auth.getMessage()).startsWith("GitHub rejected the token from GITHUB_TOKEN (HTTP"
        + " 401: Bad credentials) while trying to list the check runs of commit");

    gh.stub.on("GET", "/api/v3/repos/octo/wine/commits/[0-9a-f]+/check-runs", (q, m) ->
        FakeGitHub.notFound());
    ForgeNotFoundException nf = catchThrowableOfType(ForgeNotFoundException.class,
        () -> client().publishCheck(CheckRun.of("Cairn", CheckConclusion.SUCCESS, "r")));
    assertThat(nf.httpStatus()).isEqualTo(404);
  }

  @Test
  void aSecondaryRateLimitIsWaitedOut() throws Exception {
    int[] calls = {0};
    gh.stub.on("POST", CHECK_RUNS, (q, m) -> {
      if (calls[0]++ == 0) {
        return Reply.json(403, "{\"message\":\"You have exceeded a secondary rate limit.\","
            + "\"documentation_url\":\"https://docs.github.com/rest\"}").with("Retry-After", "7");
      }
      return Reply.json(201, gh.api.example("check-run-example-of-completed-conclusion"));
    });

    client().publishCheck(CheckRun.of("Cairn", CheckConclusion.SUCCESS, "r"));

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void withoutACommitItSaysWhatToPass() {
    ForgeUsageException e = catchThrowableOfType(ForgeUsageException.class,
        () -> Forges.client(gh.settings(time).withHeadSha(""))
            .publishCheck(CheckRun.of("Cairn", CheckConclusion.SUCCESS, "r")));
    assertThat(e.getMessage()).isEqualTo("Cannot work out the commit to attach check 'Cairn' to:"
        + " not in a recognised CI run; pass --commit-sha");
    assertThat(gh.stub.exchanges()).isEmpty();
  }
}
