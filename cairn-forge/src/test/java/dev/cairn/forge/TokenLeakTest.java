package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.forge.ci.CiDetector;
import dev.cairn.forge.ci.ForgeTokens;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer;
import dev.cairn.forge.stub.StubServer.Reply;
import dev.cairn.retry.RetryPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plants a token, makes every forge fail in every way (comments, images, checks, pull requests,
 * auto-merge; Azure DevOps' 203 sign-in page too) while the server echoes the credentials it
 * received, and greps every message, stack trace and {@code toString()} for the token (raw and
 * base64-encoded as Bitbucket's and Azure DevOps' Basic headers carry it), for a {@code user:secret}
 * token and a JWT-shaped one (Azure Pipelines' {@code System.AccessToken}, sent as Bearer).
 */
class TokenLeakTest {
  private static final String TOKEN = "user:PLANTED-s3cret-TOKEN-4f9a8b7c";
  private static final String B64 =
      Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
  /** Shaped like the pipeline's System.AccessToken (a JWT), which Azure DevOps gets as Bearer. */
  private static final String JWT = "eyJ0eXAiOiJKV1QifQ.eyJQTEFOVEVEIjoxfQ.c2lnbmF0dXJlLVBMQU5URUQ";
  private static final String JWT_B64 =
      Base64.getEncoder().encodeToString((":" + JWT).getBytes(StandardCharsets.UTF_8));

  private final StubServer stub = StubServer.start();
  private final FakeTime time = new FakeTime();
  private final List<String> seen = new ArrayList<>();
  private volatile int status;

  TokenLeakTest() {
    for (String method : List.of("GET", "POST", "PUT", "PATCH")) {
      stub.on(method, "/.*", (r, m) -> Reply.json(status, "{\"message\":\"echo "
          + r.header("authorization") + " " + r.header("private-token") + "\",\"error\":{\"message\":\""
          + r.header("authorization") + "\"},\"errors\":[{\"message\":\"" + r.header("authorization")
          + "\"}]}"));
    }
  }

  @AfterEach
  void close() {
    stub.close();
  }

  /** Two attempts: enough to cover the retry path, fewer loopback round trips. */
  private RetryPolicy retry() {
    RetryPolicy p = time.policy();
    return p.withMaxAttempts(2);
  }

  private void record(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    seen.add(w.toString());
    seen.add(String.valueOf(e.getMessage()));
    seen.add(e.toString());
  }

  @Test
  void noForgeLeaksTheToken() throws Exception {
    for (Token token : List.of(Token.of(TOKEN, "REPO_TOKEN"), Token.of(JWT, "SYSTEM_ACCESSTOKEN"))) {
      seen.add(token.toString());
      for (ForgeKind kind : ForgeKind.values()) {
        exercise(kind, token);
      }
    }
    PublishUrlUploader up = new PublishUrlUploader(stub.uri("/assets"),
        Optional.of(Token.of(TOKEN, "REPO_TOKEN")), retry(), Duration.ofSeconds(2));
    seen.add(up.toString());
    for (int st : new int[] {401, 403, 404, 422, 500}) {
      status = st;
      try {
        up.upload(new ImageAsset("a.png", "image/png", new byte[] {1}));
      } catch (ForgeException e) {
        record(e);
      }
    }
    Map<String, String> env = Map.of("GITLAB_CI", "true", "CI_PROJECT_PATH", "g/p",
        "GITLAB_TOKEN", TOKEN);
    seen.add(CiDetector.detect(env).orElseThrow().toString());
    seen.add(ForgeTokens.require(null, ForgeKind.GITLAB, env).toString());
    Map<String, String> azure = Map.of("TF_BUILD", "True", "SYSTEM_COLLECTIONURI",
        "https://dev.azure.com/org/", "SYSTEM_TEAMPROJECT", "p", "BUILD_REPOSITORY_NAME", "r",
        "SYSTEM_ACCESSTOKEN", JWT);
    seen.add(CiDetector.detect(azure).orElseThrow().toString());
    seen.add(ForgeTokens.require(null, ForgeKind.AZURE_DEVOPS, azure).toString());

    assertThat(seen).hasSizeGreaterThan(800);
    assertThat(String.join("\n", seen))
        // the servers echoed the credential headers (Bearer, Basic base64, token, PRIVATE-TOKEN)
        .contains("echo *** ")
        .doesNotContain(TOKEN).doesNotContain("PLANTED").doesNotContain(B64)
        .doesNotContain(JWT).doesNotContain(JWT_B64);
  }

  /** Every call of every interface, against every failure status. */
  private void exercise(ForgeKind kind, Token token) {
    String repo = kind == ForgeKind.GITLAB ? "g/sub/p" : kind == ForgeKind.AZURE_DEVOPS ? "org/p/r"
        : "o/r";
    ForgeSettings s = ForgeSettings.of(kind, repo, token).withApiBase(stub.uri("/api"))
        .withPullRequest(3).withHeadSha("abcdef1").withRetry(retry());
    seen.add(s.toString());
    ForgeClient c = Forges.client(s);
    seen.add(c.toString());
    int[] statuses = kind == ForgeKind.AZURE_DEVOPS
        ? new int[] {203, 401, 403, 404, 409, 422, 429, 500}
        : new int[] {401, 403, 404, 405, 409, 422, 429, 500};
    CheckRun run = CheckRun.of("Cairn", CheckConclusion.FAILURE, "report")
        .withAnnotations(List.of(CheckAnnotation.failure("cairn.yaml", "g", "bad")));
    PullRequestRequest pr = PullRequestRequest.of("cairn/abc", "main", "t", "b")
        .withLabels(c.supportsLabels() ? List.of("model") : List.of())
        .withAutoMerge(MergeMethod.MERGE);
    for (int st : statuses) {
      status = st;
      for (CommentTarget t : List.of(CommentTarget.auto(), CommentTarget.issue(2))) {
        attempt(() -> c.updateComment(t, "x"));
        attempt(() -> c.createComment(t, "x"));
      }
      attempt(() -> c.uploadImage(CommentTarget.pr(3),
          new ImageAsset("a.png", "image/png", new byte[] {1})));
      attempt(() -> c.publishCheck(run));
      attempt(() -> c.publishCheck(run.withPostReport(false).withHeadSha("abcdef2")));
      attempt(() -> c.openPullRequest(pr));
      attempt(() -> c.openPullRequest(pr.withUpdateExisting(true)));
      attempt(() -> c.findPullRequest("cairn/abc", "main"));
      for (MergeMethod m : MergeMethod.values()) {
        attempt(() -> c.enableAutoMerge(3, m));
      }
    }
  }

  /** A call that must fail with a {@link ForgeException}, whose texts are recorded. */
  private void attempt(Action a) {
    try {
      Object result = a.run();
      seen.add(String.valueOf(result));
    } catch (ForgeException e) {
      record(e);
    }
  }

  @FunctionalInterface
  private interface Action {
    Object run() throws ForgeException;
  }
}
