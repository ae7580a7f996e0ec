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
 * Plants a token, makes every forge fail in every way while the server echoes the credentials it
 * received, and greps every message, stack trace and {@code toString()} for the token (raw and
 * base64-encoded as Bitbucket's Basic header carries it).
 */
class TokenLeakTest {
  private static final String TOKEN = "user:PLANTED-s3cret-TOKEN-4f9a8b7c";
  private static final String B64 =
      Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));

  private final StubServer stub = StubServer.start();
  private final FakeTime time = new FakeTime();
  private final List<String> seen = new ArrayList<>();
  private volatile int status;

  TokenLeakTest() {
    for (String method : List.of("GET", "POST", "PUT", "PATCH")) {
      stub.on(method, "/.*", (r, m) -> Reply.json(status, "{\"message\":\"echo "
          + r.header("authorization") + " " + r.header("private-token") + "\",\"error\":{\"message\":\""
          + r.header("authorization") + "\"}}"));
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
    Token token = Token.of(TOKEN, "REPO_TOKEN");
    seen.add(token.toString());
    for (ForgeKind kind : ForgeKind.values()) {
      String repo = kind == ForgeKind.GITLAB ? "g/sub/p" : "o/r";
      ForgeSettings s = ForgeSettings.of(kind, repo, token).withApiBase(stub.uri("/api"))
          .withPullRequest(3).withHeadSha("abcdef1").withRetry(retry());
      seen.add(s.toString());
      ForgeClient c = Forges.client(s);
      seen.add(c.toString());
      for (int st : new int[] {401, 403, 404, 409, 422, 429, 500}) {
        status = st;
        for (CommentTarget t : List.of(CommentTarget.auto(), CommentTarget.issue(2))) {
          try {
            c.updateComment(t, "x");
          } catch (ForgeException e) {
            record(e);
          }
          try {
            c.createComment(t, "x");
          } catch (ForgeException e) {
            record(e);
          }
        }
        try {
          c.uploadImage(CommentTarget.pr(3), new ImageAsset("a.png", "image/png", new byte[] {1}));
        } catch (ForgeException e) {
          record(e);
        }
      }
    }
    PublishUrlUploader up = new PublishUrlUploader(stub.uri("/assets"), Optional.of(token),
        retry(), Duration.ofSeconds(2));
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

    assertThat(seen).hasSizeGreaterThan(200);
    assertThat(String.join("\n", seen))
        // the servers echoed the credential headers (Bearer, Basic base64, token, PRIVATE-TOKEN)
        .contains("echo *** ")
        .doesNotContain(TOKEN).doesNotContain("PLANTED").doesNotContain(B64);
  }
}
