package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The user name and password Git sends with a forge token over HTTPS. */
class GitHttpCredentialsTest {
  static GitHttpCredentials of(ForgeKind kind, String token) {
    return GitHttpCredentials.of(kind, Token.of(token, "REPO_TOKEN"));
  }

  @Test
  void perForge() {
    assertThat(of(ForgeKind.GITHUB, "ghs_abc").username()).isEqualTo("x-access-token");
    assertThat(of(ForgeKind.GITHUB, "ghs_abc").password().reveal()).isEqualTo("ghs_abc");
    assertThat(of(ForgeKind.GITLAB, "glpat-x").username()).isEqualTo("oauth2");
    assertThat(of(ForgeKind.GITEA, "t0k").username()).isEqualTo("cairn");
    assertThat(of(ForgeKind.AZURE_DEVOPS, "pat").username()).isEqualTo("cairn");
    assertThat(of(ForgeKind.BITBUCKET, "ATCTT3x").username()).isEqualTo("x-token-auth");
    assertThat(of(ForgeKind.BITBUCKET_SERVER, "BBDC-x").username()).isEqualTo("x-token-auth");
  }

  @Test
  void userSecretPairsAreSplitIncludingCmlsBase64Form() {
    GitHttpCredentials pair = of(ForgeKind.BITBUCKET, "alice@example.org:api-token");
    assertThat(pair.username()).isEqualTo("alice@example.org");
    assertThat(pair.password().reveal()).isEqualTo("api-token");
    String b64 = Base64.getEncoder().encodeToString("bob:app-pass".getBytes(StandardCharsets.UTF_8));
    GitHttpCredentials cml = of(ForgeKind.BITBUCKET_SERVER, b64);
    assertThat(cml.username()).isEqualTo("bob");
    assertThat(cml.password().reveal()).isEqualTo("app-pass");
    assertThat(of(ForgeKind.AZURE_DEVOPS, "build:jwt").username()).isEqualTo("build");
  }

  @Test
  void neverPrintsThePassword() {
    assertThat(of(ForgeKind.GITHUB, "ghs_SECRET123").toString()).doesNotContain("SECRET123")
        .isEqualTo("GitHttpCredentials[x-access-token, Token[from REPO_TOKEN, ***]]");
  }
}
