package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Azure DevOps and Bitbucket Server remotes, and hosts named in settings. */
class RemoteUrlForgesTest {
  private static RemoteUrl parse(String url) {
    return RemoteUrl.parse(url, Optional.empty());
  }

  @Test
  void azureDevOpsServicesInEveryForm() {
    RemoteUrl expected = new RemoteUrl(ForgeKind.AZURE_DEVOPS, URI.create("https://dev.azure.com"),
        "fabrikam/Fiber Project/wine");
    assertThat(parse("https://fabrikam@dev.azure.com/fabrikam/Fiber%20Project/_git/wine"))
        .isEqualTo(expected);
    assertThat(parse("https://dev.azure.com/fabrikam/Fiber%20Project/_git/wine.git"))
        .isEqualTo(expected);
    assertThat(parse("git@ssh.dev.azure.com:v3/fabrikam/Fiber%20Project/wine")).isEqualTo(expected);
    assertThat(parse("ssh://git@ssh.dev.azure.com/v3/fabrikam/Fiber%20Project/wine"))
        .isEqualTo(expected);
    assertThat(parse("https://fabrikam.visualstudio.com/Fiber%20Project/_git/wine"))
        .isEqualTo(expected);
    assertThat(parse("https://fabrikam.visualstudio.com/DefaultCollection/Fiber%20Project/_git/wine"))
        .isEqualTo(expected);
    assertThat(parse("fabrikam@vs-ssh.visualstudio.com:v3/fabrikam/Fiber%20Project/wine"))
        .isEqualTo(expected);
    // a repository named after its project may leave the project out
    assertThat(parse("https://dev.azure.com/fabrikam/_git/wine").repo())
        .isEqualTo("fabrikam/wine/wine");
  }

  @Test
  void azureDevOpsServer() {
    assertThat(parse("https://tfs.example.com/tfs/DefaultCollection/Fiber/_git/wine"))
        .isEqualTo(new RemoteUrl(ForgeKind.AZURE_DEVOPS, URI.create("https://tfs.example.com/tfs"),
            "DefaultCollection/Fiber/wine"));
    assertThat(parse("http://ado.example.com:8080/Coll/Fiber/_git/wine").apiBase())
        .isEqualTo(URI.create("http://ado.example.com:8080"));
  }

  @Test
  void azureUrlsThatAreNotRepositoriesAreRefused() {
    assertThatThrownBy(() -> parse("https://dev.azure.com/fabrikam/Fiber/_wiki/wikis/x"))
        .hasMessageStartingWith("Cannot tell the repository from the Azure DevOps remote URL");
    assertThatThrownBy(() -> parse("https://user:pat@dev.azure.com/fabrikam"))
        .hasMessageContaining("'https://***@dev.azure.com/fabrikam'");
  }

  @Test
  void bitbucketServerOverHttpNamesItselfWithScm() {
    assertThat(parse("https://bitbucket.example.com/scm/proj/wine.git"))
        .isEqualTo(new RemoteUrl(ForgeKind.BITBUCKET_SERVER,
            URI.create("https://bitbucket.example.com/rest/api/1.0"), "proj/wine"));
    assertThat(parse("http://git.example.com:7990/bitbucket/scm/~alice/wine.git"))
        .isEqualTo(new RemoteUrl(ForgeKind.BITBUCKET_SERVER,
            URI.create("http://git.example.com:7990/bitbucket/rest/api/1.0"), "~alice/wine"));
  }

  @Test
  void bitbucketServerOverSshNeedsTheForgeOrTheHostSetting() {
    String ssh = "ssh://git@bitbucket.example.com:7999/proj/wine.git";
    assertThatThrownBy(() -> parse(ssh)).hasMessageStartingWith("Cannot tell which forge"
        + " bitbucket.example.com runs");
    assertThat(RemoteUrl.parse(ssh, Optional.of(ForgeKind.BITBUCKET)))
        .isEqualTo(new RemoteUrl(ForgeKind.BITBUCKET_SERVER,
            URI.create("https://bitbucket.example.com/rest/api/1.0"), "proj/wine"));
    ForgeHosts hosts = ForgeHosts.parse(Map.of("Bitbucket.Example.com", "bitbucket-server"));
    assertThat(RemoteUrl.parse(ssh, Optional.empty(), hosts).kind())
        .isEqualTo(ForgeKind.BITBUCKET_SERVER);
  }

  @Test
  void aHostSettingCanCarryTheApiBase() {
    ForgeHosts hosts = ForgeHosts.none().with("git.example.com", ForgeKind.GITHUB,
        URI.create("https://git.example.com/ghe/api/v3"));
    assertThat(RemoteUrl.parse("git@git.example.com:octo/wine.git", Optional.empty(), hosts))
        .isEqualTo(new RemoteUrl(ForgeKind.GITHUB, URI.create("https://git.example.com/ghe/api/v3"),
            "octo/wine"));
    // an explicit forge that differs from the setting ignores the setting's API base
    assertThat(RemoteUrl.parse("git@git.example.com:octo/wine.git", Optional.of(ForgeKind.GITEA),
        hosts).apiBase()).isEqualTo(URI.create("https://git.example.com/api/v1"));
  }

  @Test
  void hostSettingsAreValidatedWhereTheyAreRead() {
    assertThatThrownBy(() -> ForgeHosts.parse(Map.of("git.example.com", "svn")))
        .hasMessageStartingWith("forge.hosts.git.example.com: Unknown forge 'svn'");
    assertThatThrownBy(() -> ForgeHosts.none().with("https://git.example.com", ForgeKind.GITEA))
        .hasMessage("forge.hosts: invalid host name 'https://git.example.com': give a host name"
            + " such as git.example.com");
    assertThatThrownBy(() -> ForgeHosts.none().with("h.example", ForgeKind.GITEA,
        URI.create("https://u:p@h.example/api/v1")))
        .hasMessage("forge.hosts.h.example: the API URL must not contain credentials");
  }

  @Test
  void forgeNamesOfTheNewForges() {
    assertThat(ForgeKind.parse("azure")).isEqualTo(ForgeKind.AZURE_DEVOPS);
    assertThat(ForgeKind.parse("Azure-DevOps")).isEqualTo(ForgeKind.AZURE_DEVOPS);
    assertThat(ForgeKind.parse("bitbucket-datacenter")).isEqualTo(ForgeKind.BITBUCKET_SERVER);
    assertThat(ForgeKind.parse("BITBUCKET_SERVER")).isEqualTo(ForgeKind.BITBUCKET_SERVER);
    for (ForgeKind k : ForgeKind.values()) {
      assertThat(ForgeKind.parse(k.id())).isEqualTo(k);
    }
  }

  @Test
  void settingsValidateTheRepositoryShapeOfEachForge() {
    Token t = Token.of("x", "T");
    assertThatThrownBy(() -> ForgeSettings.of(ForgeKind.AZURE_DEVOPS, "project/repo", t))
        .hasMessage("Invalid Azure DevOps repository 'project/repo': use"
            + " organization/project/repository (collection/project/repository on a server)");
    assertThatThrownBy(() -> ForgeSettings.of(ForgeKind.BITBUCKET_SERVER, "a/b/c", t))
        .hasMessage("Invalid Bitbucket Server repository 'a/b/c': use PROJECT/slug");
    assertThat(ForgeSettings.of(ForgeKind.BITBUCKET_SERVER, "PROJ/wine", t).apiBase())
        .isEqualTo(URI.create("http://localhost:7990/rest/api/1.0"));
  }
}
