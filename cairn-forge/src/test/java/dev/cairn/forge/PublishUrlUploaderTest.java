package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer;
import dev.cairn.forge.stub.StubServer.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generic asset-server uploader (a PUT to the user's own server). */
class PublishUrlUploaderTest {
  private final StubServer stub = StubServer.start();
  private final FakeTime time = new FakeTime();
  private final ImageAsset png = new ImageAsset("loss.png", "image/png", new byte[] {1, 2, 3});
  private final String key = png.sha256().substring(0, 16) + "-loss.png";

  @AfterEach
  void close() {
    stub.close();
    assertThat(stub.failures()).isEmpty();
  }

  private PublishUrlUploader uploader(Optional<Token> token) {
    return new PublishUrlUploader(stub.uri("/assets"), token, time.policy(), Duration.ofSeconds(5));
  }

  @Test
  void putsTheBytesAndUsesThePutUrlByDefault() throws Exception {
    stub.on("PUT", "/assets/.+", (r, m) -> Reply.empty(201));

    ImageLink link = uploader(Optional.of(Token.of("asset-secret", "--publish-token"))).upload(png);

    assertThat(link.url()).isEqualTo(stub.uri("/assets/" + key).toString());
    StubServer.Request req = stub.exchanges().get(0).request();
    assertThat(req.body()).isEqualTo(png.content());
    assertThat(req.header("content-type")).isEqualTo("image/png");
    assertThat(req.header("authorization")).isEqualTo("Bearer asset-secret");
  }

  @Test
  void prefersTheLocationHeader() throws Exception {
    stub.on("PUT", "/assets/.+", (r, m) -> Reply.empty(201).with("Location", "/cdn/" + key));

    assertThat(uploader(Optional.empty()).upload(png).url())
        .isEqualTo(stub.uri("/cdn/" + key).toString());
    assertThat(stub.exchanges().get(0).request().header("authorization")).isEmpty();
  }

  @Test
  void acceptsAUrlInTheBodyButNeverHtml() throws Exception {
    stub.on("PUT", "/assets/a.+", (r, m) -> new Reply(200, new LinkedHashMap<>(),
        "https://cdn.example.com/x.png\n".getBytes(StandardCharsets.UTF_8)));
    stub.on("PUT", "/assets/b.+", (r, m) -> new Reply(200, new LinkedHashMap<>(),
        "<html><body>Bad gateway</body></html>".getBytes(StandardCharsets.UTF_8)));
    PublishUrlUploader up = new PublishUrlUploader(stub.uri("/assets/a"), Optional.empty(),
        time.policy(), Duration.ofSeconds(5));
    PublishUrlUploader html = new PublishUrlUploader(stub.uri("/assets/b"), Optional.empty(),
        time.policy(), Duration.ofSeconds(5));

    assertThat(up.upload(png).url()).isEqualTo("https://cdn.example.com/x.png");
    assertThat(html.upload(png).url()).isEqualTo(stub.uri("/assets/b/" + key).toString());
  }

  @Test
  void failuresAreTypedAndRetried() {
    stub.on("PUT", "/assets/.+", (r, m) -> Reply.json(403, "{\"message\":\"read-only bucket\"}"));
    ForgePermissionException e = catchThrowableOfType(ForgePermissionException.class,
        () -> uploader(Optional.of(Token.of("asset-secret", "--publish-token"))).upload(png));
    assertThat(e.getMessage()).isEqualTo("The asset server 127.0.0.1 refused to upload image"
        + " loss.png (HTTP 403: read-only bucket): the token from --publish-token needs write"
        + " access to " + stub.uri("/assets/"));

    stub.on("PUT", "/assets/.+", (r, m) -> Reply.empty(503));
    assertThatThrownBy(() -> uploader(Optional.empty()).upload(png))
        .isInstanceOf(ForgeServerException.class);
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void refusesCredentialsInTheUrl() {
    assertThatThrownBy(() -> new PublishUrlUploader(URI.create("https://u:p@assets.example.com"),
        Optional.empty(), time.policy(), Duration.ofSeconds(1)))
        .hasMessage("The publish URL must not contain credentials: pass a token");
    assertThatThrownBy(() -> new PublishUrlUploader(URI.create("ftp://assets.example.com"),
        Optional.empty(), time.policy(), Duration.ofSeconds(1)))
        .hasMessage("Invalid publish URL 'ftp://assets.example.com': use an http(s) URL");
  }
}
