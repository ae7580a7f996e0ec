package dev.cairn.forge.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.Token;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForgeTokensTest {
  private final Map<String, String> env = Map.of(
      "REPO_TOKEN", "", "GITHUB_TOKEN", "gh-secret", "GITLAB_TOKEN", "gl-secret",
      "GITEA_TOKEN", "", "CI_JOB_TOKEN", "job-secret");

  @Test
  void explicitValueWins() {
    assertThat(ForgeTokens.resolve("given", ForgeKind.GITHUB, env).orElseThrow().source())
        .isEqualTo("--token");
  }

  @Test
  void repoTokenComesBeforeTheForgesOwnVariable() {
    Optional<Token> t = ForgeTokens.resolve(null, ForgeKind.GITHUB, Map.of("REPO_TOKEN", "r", "GITHUB_TOKEN", "g"));
    assertThat(t.orElseThrow().reveal()).isEqualTo("r");
    assertThat(t.orElseThrow().source()).isEqualTo("REPO_TOKEN");
  }

  @Test
  void eachForgeReadsOnlyItsOwnVariables() {
    assertThat(ForgeTokens.resolve("", ForgeKind.GITHUB, env).orElseThrow().source())
        .isEqualTo("GITHUB_TOKEN");
    assertThat(ForgeTokens.resolve("", ForgeKind.GITLAB, env).orElseThrow().source())
        .isEqualTo("GITLAB_TOKEN");
    assertThat(ForgeTokens.resolve("", ForgeKind.GITEA, env).orElseThrow().source())
        .isEqualTo("GITHUB_TOKEN");
    assertThat(ForgeTokens.resolve("", ForgeKind.BITBUCKET, env)).isEmpty();
  }

  @Test
  void gitlabNeverUsesTheJobToken() {
    assertThat(ForgeTokens.resolve(null, ForgeKind.GITLAB, Map.of("CI_JOB_TOKEN", "x"))).isEmpty();
    assertThatThrownBy(() -> ForgeTokens.require(null, ForgeKind.GITLAB, Map.of()))
        .hasMessageStartingWith("No GitLab token: pass --token or set REPO_TOKEN or GITLAB_TOKEN;"
            + " CI_JOB_TOKEN cannot post notes");
  }

  @Test
  void missingGithubTokenExplainsTheWorkflowSetting() {
    assertThatThrownBy(() -> ForgeTokens.require(null, ForgeKind.GITHUB, Map.of()))
        .hasMessageContaining("REPO_TOKEN: ${{ secrets.GITHUB_TOKEN }}")
        .hasMessageContaining("pull-requests: write");
  }
}
