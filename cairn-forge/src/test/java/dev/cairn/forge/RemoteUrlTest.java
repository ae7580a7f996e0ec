package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteUrlTest {
  @Test
  void publicForgesAreInferred() {
    assertThat(RemoteUrl.parse("git@github.com:octo/wine.git", Optional.empty()))
        .isEqualTo(new RemoteUrl(ForgeKind.GITHUB, URI.create("https://api.github.com"), "octo/wine"));
    assertThat(RemoteUrl.parse("https://x-access-token:ghs_SECRET@github.com/octo/wine", Optional.empty())
        .repo()).isEqualTo("octo/wine");
    assertThat(RemoteUrl.parse("https://gitlab.com/group/sub/wine.git", Optional.empty()))
        .isEqualTo(new RemoteUrl(ForgeKind.GITLAB, URI.create("https://gitlab.com/api/v4"),
            "group/sub/wine"));
    assertThat(RemoteUrl.parse("ssh://git@bitbucket.org/team/wine.git", Optional.empty()).kind())
        .isEqualTo(ForgeKind.BITBUCKET);
  }

  @Test
  void selfHostedNeedsTheForge() {
    assertThat(RemoteUrl.parse("https://git.example.com/lab/wine.git", Optional.of(ForgeKind.GITEA))
        .apiBase()).isEqualTo(URI.create("https://git.example.com/api/v1"));
    assertThat(RemoteUrl.parse("git@ghe.example.com:octo/wine.git", Optional.of(ForgeKind.GITHUB))
        .apiBase()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
    assertThatThrownBy(() -> RemoteUrl.parse("https://u:pw@git.example.com/a/b", Optional.empty()))
        .hasMessage("Cannot tell which forge git.example.com runs: pass --forge"
            + " github|gitlab|gitea|bitbucket-server|azure-devops, or name the host in forge.hosts");
  }

  @Test
  void messagesNeverCarryCredentials() {
    assertThatThrownBy(() -> RemoteUrl.parse("https://tok:SECRET@github.com/only", Optional.empty()))
        .hasMessage("Cannot tell the repository from the remote URL 'https://***@github.com/only':"
            + " expected owner/name");
  }
}
