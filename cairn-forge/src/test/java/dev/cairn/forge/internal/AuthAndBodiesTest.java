package dev.cairn.forge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.forge.Token;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthAndBodiesTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void azureSendsAPatAsBasicWithAnEmptyUserAndAJwtAsBearer() {
    // learn.microsoft.com, "Use personal access tokens": Basic with an empty user name;
    // "Use the System.AccessToken": Authorization: Bearer $(System.AccessToken)
    assertThat(Auth.azure(Token.of("abc123pat", "AZURE_DEVOPS_EXT_PAT")))
        .isEqualTo("Basic " + b64(":abc123pat"));
    assertThat(Auth.azure(Token.of("me@example.com:abc123pat", "REPO_TOKEN")))
        .isEqualTo("Basic " + b64("me@example.com:abc123pat"));
    assertThat(Auth.azure(Token.of("eyJ0eXAi.eyJuYW1lIjoi.c2ln-_", "SYSTEM_ACCESSTOKEN")))
        .isEqualTo("Bearer eyJ0eXAi.eyJuYW1lIjoi.c2ln-_");
  }

  @Test
  void bitbucketTokenForms() {
    assertThat(Auth.basicOrBearer(Token.of("user:app-password", "T")))
        .isEqualTo("Basic " + b64("user:app-password"));
    assertThat(Auth.basicOrBearer(Token.of(b64("user:app-password"), "T")))
        .isEqualTo("Basic " + b64("user:app-password"));
    assertThat(Auth.basicOrBearer(Token.of("BBDC-httpAccessToken", "T")))
        .isEqualTo("Bearer BBDC-httpAccessToken");
  }

  @Test
  void cutKeepsTheTailAndTheLimitAndNeverSplitsASurrogatePair() {
    String text = "a".repeat(10) + "😀".repeat(100);
    String cut = Bodies.cut(text, "\n\n<!-- m -->", 130, "Forge", "Report");
    assertThat(cut).hasSizeLessThanOrEqualTo(130).endsWith("\n\n<!-- m -->")
        .startsWith("aaaaaaaaaa😀\n\n> **Report cut:** it was longer than Forge's limit of 130"
            + " characters");
    assertThat(Character.isHighSurrogate(cut.charAt(cut.indexOf("\n\n> **") - 1))).isFalse();
    assertThat(Bodies.cut("short", "", 10, "F", "R")).isEqualTo("short");
  }

  @Test
  void lineIsTheFirstLineCut() {
    assertThat(Bodies.line("  title\nmore", 100)).isEqualTo("title");
    assertThat(Bodies.line("abcdef", 4)).isEqualTo("abc…");
  }
}
