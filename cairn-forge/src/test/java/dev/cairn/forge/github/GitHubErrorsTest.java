package dev.cairn.forge.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cairn.forge.CommentResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeAuthenticationException;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeConnectionException;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeNotFoundException;
import dev.cairn.forge.ForgePermissionException;
import dev.cairn.forge.ForgeRateLimitException;
import dev.cairn.forge.ForgeServerException;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeValidationException;
import dev.cairn.forge.Forges;
import dev.cairn.forge.Token;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP failures become typed exceptions with one clear line; limits and 5xx are retried. */
class GitHubErrorsTest {
  private static final String COMMENTS = "/api/v3/repos/octo/wine/issues/7/comments";
  private static final String DOCS = "https://docs.github.com/rest/issues/comments";

  private final FakeGitHub gh = new FakeGitHub();
  private final FakeTime time = new FakeTime();
  private final List<String> printed = new ArrayList<>();

  @AfterEach
  void close() {
    gh.close();
    assertThat(gh.stub.failures()).isEmpty();
  }

  private ForgeClient client() {
    ForgeClient c = Forges.client(gh.settings(time).withPullRequest(7));
    printed.add(c.toString());
    return c;
  }

  private <T extends ForgeException> T fail(Class<T> type) {
    T e = catchThrowableOfType(type, () -> client().createComment(CommentTarget.auto(), "r"));
    assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    printed.add(w.toString());
    printed.add(e.toString());
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(FakeGitHub.TOKEN);
    return e;
  }

  @Test
  void badTokenSaysSoAndNamesWhereItCameFrom() {
    gh.stub.on("POST", COMMENTS, (r, m) -> Reply.json(401,
        "{\"message\":\"Bad credentials\",\"documentation_url\":\"" + DOCS + "\"}"));

    ForgeAuthenticationException e = fail(ForgeAuthenticationException.class);

    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.getMessage())
        .startsWith("GitHub rejected the token from GITHUB_TOKEN (HTTP 401: Bad credentials)"
            + " while trying to comment on pull request #7 in octo/wine");
  }

  @Test
  void missingPermissionNamesThePermission() {
    gh.stub.on("POST", COMMENTS, (r, m) -> Reply.json(403,
        "{\"message\":\"Resource not accessible by integration\",\"documentation_url\":\""
            + DOCS + "\",\"status\":\"403\"}"));

    ForgePermissionException e = fail(ForgePermissionException.class);

    assertThat(e.requiredPermission()).isEqualTo("permission 'pull-requests: write'");
    assertThat(e.getMessage())
        .startsWith("GitHub refused to comment on pull request #7 in octo/wine (HTTP 403:"
            + " Resource not accessible by integration): the token from GITHUB_TOKEN needs"
            + " permission 'pull-requests: write'")
        .contains("workflow_run");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void commitCommentNeedsContentsWrite() {
    gh.stub.on("POST", "/api/v3/repos/octo/wine/commits/[0-9a-f]+/comments",
        (r, m) -> Reply.json(403, "{\"message\":\"Resource not accessible by integration\"}"));
    ForgeClient c = Forges.client(gh.settings(time));

    ForgePermissionException e = catchThrowableOfType(ForgePermissionException.class,
        () -> c.createComment(CommentTarget.commit(), "r"));

    assertThat(e.getMessage()).contains("needs permission 'contents: write'");
  }

  @Test
  void notFoundSaysWhatToCheck() {
    gh.stub.on("POST", COMMENTS, (r, m) -> FakeGitHub.notFound());

    ForgeNotFoundException e = fail(ForgeNotFoundException.class);

    assertThat(e.getMessage())
        .isEqualTo("GitHub found nothing at " + COMMENTS + " (HTTP 404: Not Found) while trying"
            + " to comment on pull request #7 in octo/wine: check the repository name, the"
            + " number or SHA, the API URL, and that the token can see the repository");
  }

  @Test
  void validationErrorIncludesGithubsWords() {
    gh.stub.on("POST", COMMENTS, (r, m) -> Reply.json(422,
        "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"IssueComment\","
            + "\"code\":\"custom\",\"field\":\"body\",\"message\":\"body is too long (maximum is"
            + " 65536 characters)\"}],\"documentation_url\":\"" + DOCS + "\"}"));

    ForgeValidationException e = fail(ForgeValidationException.class);

    assertThat(e.getMessage())
        .isEqualTo("GitHub refused to comment on pull request #7 in octo/wine (HTTP 422:"
            + " Validation Failed; body is too long (maximum is 65536 characters))");
  }

  @Test
  void secondaryRateLimitWaitsRetryAfterThenSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    gh.stub.on("POST", COMMENTS, (r, m) -> calls.incrementAndGet() == 1
        ? Reply.json(403, "{\"message\":\"You have exceeded a secondary rate limit. Please wait"
            + " a few minutes before you try again.\",\"documentation_url\":\"" + DOCS + "\"}")
            .with("retry-after", "30")
        : Reply.json(201, gh.addIssueComment(7, "cairn-bot", r.json().path("body").asText())));

    CommentResult r = client().createComment(CommentTarget.auto(), "r");

    assertThat(r.action()).isEqualTo(CommentResult.Action.CREATED);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void primaryRateLimitWaitsUntilTheReset() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    long reset = time.instant().getEpochSecond() + 20;
    gh.stub.on("POST", COMMENTS, (r, m) -> calls.incrementAndGet() == 1
        ? Reply.json(429, "{\"message\":\"API rate limit exceeded for installation ID 1.\","
            + "\"documentation_url\":\"" + DOCS + "\"}")
            .with("x-ratelimit-remaining", "0").with("x-ratelimit-reset", Long.toString(reset))
        : Reply.json(201, gh.addIssueComment(7, "cairn-bot", r.json().path("body").asText())));

    client().createComment(CommentTarget.auto(), "r");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(21));
    assertThat(gh.bodies(7)).hasSize(1);
  }

  @Test
  void rateLimitThatLastsTooLongFailsAtOnce() {
    long reset = time.instant().getEpochSecond() + 3600;
    gh.stub.on("POST", COMMENTS, (r, m) -> Reply.json(403,
        "{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":\"" + DOCS
            + "\"}").with("x-ratelimit-remaining", "0").with("x-ratelimit-reset", Long.toString(reset)));

    ForgeRateLimitException e = fail(ForgeRateLimitException.class);

    assertThat(e.getMessage()).startsWith("GitHub rate limit hit while trying to comment on pull"
        + " request #7 in octo/wine (HTTP 403: API rate limit exceeded for user ID 1.): it lifts"
        + " in about 3601 s");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    gh.stub.on("POST", COMMENTS, (r, m) -> calls.incrementAndGet() <= 2
        ? Reply.json(502, "{\"message\":\"Server Error\"}")
        : Reply.json(201, gh.addIssueComment(7, "cairn-bot", r.json().path("body").asText())));

    client().createComment(CommentTarget.auto(), "r");

    assertThat(calls).hasValue(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void serverErrorsGiveUpAfterTheLastAttempt() {
    AtomicInteger calls = new AtomicInteger();
    gh.stub.on("POST", COMMENTS, (r, m) -> {
      calls.incrementAndGet();
      return Reply.json(503, "{\"message\":\"Service Unavailable\"}");
    });

    ForgeServerException e = fail(ForgeServerException.class);

    assertThat(calls).hasValue(4);
    assertThat(time.sleeps())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(e.getMessage()).isEqualTo("GitHub kept failing with HTTP 503 while trying to"
        + " comment on pull request #7 in octo/wine (4 attempts: Service Unavailable): try again"
        + " later");
  }

  @Test
  void unreachableServerIsAConnectionError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ForgeSettings s = gh.settings(time).withPullRequest(7)
        .withApiBase(URI.create("http://127.0.0.1:" + port + "/api/v3"));

    ForgeConnectionException e = catchThrowableOfType(ForgeConnectionException.class,
        () -> Forges.client(s).createComment(CommentTarget.auto(), "r"));

    assertThat(e.getMessage()).startsWith("Cannot reach GitHub at 127.0.0.1 to comment on pull"
        + " request #7 in octo/wine");
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void tokenNeverAppearsInMessagesLogsOrToString() throws Exception {
    String t = FakeGitHub.TOKEN;
    // A server that echoes the credential back must not leak it either.
    gh.stub.on("POST", COMMENTS, (r, m) -> Reply.json(422,
        "{\"message\":\"Validation Failed: " + r.header("authorization") + "\",\"documentation_url\":\""
            + DOCS + "\"}"));
    ForgeValidationException echoed = fail(ForgeValidationException.class);
    assertThat(echoed.getMessage()).contains("Bearer ***");
    for (int status : new int[] {401, 403, 404, 429, 500}) {
      gh.stub.on("POST", COMMENTS, (r, m) -> Reply.json(status,
          "{\"message\":\"failed for " + t + "\"}"));
      Class<? extends ForgeException> type = switch (status) {
        case 401 -> ForgeAuthenticationException.class;
        case 403 -> ForgePermissionException.class;
        case 404 -> ForgeNotFoundException.class;
        case 429 -> ForgeRateLimitException.class;
        default -> ForgeServerException.class;
      };
      fail(type);
    }
    ForgeSettings s = gh.settings(time);
    Token token = Token.of(t, "REPO_TOKEN");
    printed.add(s.toString());
    printed.add(token.toString());
    printed.add(String.valueOf(s.token()));
    printed.add(ForgeSettings.of(ForgeKind.GITLAB, "g/p", token).toString());
    for (ForgeKind k : ForgeKind.values()) {
      String repo = k == ForgeKind.AZURE_DEVOPS ? "org/p/r" : "o/r";
      printed.add(Forges.client(ForgeSettings.of(k, repo, token)).toString());
    }
    gh.stub.on("POST", COMMENTS, (r, m) ->
        Reply.json(201, gh.addIssueComment(7, "cairn-bot", r.json().path("body").asText())));
    printed.add(Forges.client(s.withPullRequest(7)).createComment(CommentTarget.auto(), "ok")
        .toString());

    assertThat(printed).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain(t)
        .doesNotContain("FAKEtoken"));
  }
}
