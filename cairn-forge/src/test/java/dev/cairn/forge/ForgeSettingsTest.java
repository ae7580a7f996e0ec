package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ForgeSettingsTest {
  private final Token token = Token.of("tok-SECRET-1", "REPO_TOKEN");

  @Test
  void defaultsToThePublicServiceAndTrimsTheBase() {
    ForgeSettings s = ForgeSettings.of(ForgeKind.GITHUB, "octo/wine", token)
        .withApiBase(URI.create("https://ghe.example.com/api/v3/"));
    assertThat(s.apiBase()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
    assertThat(ForgeSettings.of(ForgeKind.BITBUCKET, "t/w", token).apiBase())
        .isEqualTo(URI.create("https://api.bitbucket.org/2.0"));
    assertThat(s.toString()).doesNotContain("tok-SECRET-1");
  }

  @Test
  void validatesRepositoryAndUrl() {
    assertThatThrownBy(() -> ForgeSettings.of(ForgeKind.GITHUB, "wine", token))
        .hasMessage("Invalid GitHub repository 'wine': use owner/name");
    assertThat(ForgeSettings.of(ForgeKind.GITLAB, "group/sub/wine", token).repo())
        .isEqualTo("group/sub/wine");
    assertThatThrownBy(() -> ForgeSettings.of(ForgeKind.GITLAB, "g/p", token)
        .withApiBase(URI.create("https://user:pw@gitlab.example.com/api/v4")))
        .hasMessage("The GitLab API URL must not contain credentials: pass a token");
  }

  @Test
  void parsesForgeNames() {
    assertThat(ForgeKind.parse("Forgejo")).isEqualTo(ForgeKind.GITEA);
    assertThatThrownBy(() -> ForgeKind.parse("svn"))
        .hasMessage("Unknown forge 'svn': use github, gitlab, gitea, forgejo, bitbucket,"
            + " bitbucket-server or azure-devops");
  }
}
