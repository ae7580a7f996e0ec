package dev.cairn.forge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeServerException;
import dev.cairn.forge.Token;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer;
import dev.cairn.forge.stub.StubServer.Reply;
import dev.cairn.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestClientTest {
  private final StubServer stub = StubServer.start();
  private final FakeTime time = new FakeTime();
  private final RestClient rest = new RestClient(ForgeKind.GITLAB,
      Map.of("PRIVATE-TOKEN", "tok-123456"), Token.of("tok-123456", "GITLAB_TOKEN"),
      time.policy(), Duration.ofSeconds(5), "");

  @AfterEach
  void close() {
    stub.close();
  }

  @Test
  void retryAfterAsAnHttpDate() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        time.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
    stub.on("GET", "/x", (r, m) -> calls.incrementAndGet() == 1
        ? Reply.json(429, "{}").with("Retry-After", at) : Reply.json(200, "[]"));

    rest.send(Call.of("GET", stub.uri("/x"), "read x", "-"));

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void rateLimitWithoutHintsWaitsAMinute() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    stub.on("GET", "/x", (r, m) -> calls.incrementAndGet() == 1
        ? Reply.json(429, "{\"message\":\"slow down\"}") : Reply.json(200, "[]"));

    rest.send(Call.of("GET", stub.uri("/x"), "read x", "-"));

    assertThat(time.sleeps()).containsExactly(Duration.ofMinutes(1));
  }

  @Test
  void passingStatusesAreReturned() throws Exception {
    stub.on("GET", "/x", (r, m) -> Reply.json(404, "{\"message\":\"404 Not found\"}"));

    assertThat(rest.send(Call.of("GET", stub.uri("/x"), "probe", "-").passing(404)).status())
        .isEqualTo(404);
  }

  @Test
  void nonJsonAnswerIsAClearError() {
    stub.on("GET", "/x", (r, m) -> new Reply(200, new LinkedHashMap<>(),
        "<html>login</html>".getBytes(StandardCharsets.UTF_8)));

    ForgeServerException e = catchThrowableOfType(ForgeServerException.class,
        () -> rest.json(Call.of("GET", stub.uri("/x"), "read x", "-")));

    assertThat(e.getMessage()).isEqualTo("GitLab answered HTTP 200 with a body that is not JSON"
        + " while trying to read x: check that the API URL points at the GitLab REST API");
  }

  @Test
  void gitlabStyleErrorObjectsAreSummarised() {
    stub.on("POST", "/x", (r, m) -> Reply.json(400,
        "{\"message\":{\"body\":[\"is too long (maximum is 1000000 characters)\"]}}"));

    Exception e = catchThrowableOfType(Exception.class,
        () -> rest.send(Call.json("POST", stub.uri("/x"), "{}".getBytes(StandardCharsets.UTF_8),
            "post x", "-")));

    assertThat(e.getMessage()).isEqualTo("GitLab refused to post x (HTTP 400: body is too long"
        + " (maximum is 1000000 characters))");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    RetryPolicy p = RetryPolicy.forgeApis();
    assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(p.backoff(10)).isEqualTo(Duration.ofSeconds(30));
  }
}
