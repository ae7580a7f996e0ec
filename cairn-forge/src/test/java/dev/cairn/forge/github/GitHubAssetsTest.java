package dev.cairn.forge.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.Forges;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.stub.FakeTime;
import dev.cairn.forge.stub.StubServer.Exchange;
import dev.cairn.forge.stub.StubServer.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Images go to the cairn-assets branch of the same repository through the Git Data API. */
class GitHubAssetsTest {
  private final FakeGitHub gh = new FakeGitHub();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void close() {
    gh.close();
    assertThat(gh.stub.failures()).isEmpty();
  }

  @Test
  void firstImageCreatesAnOrphanAssetsBranch() throws Exception {
    ForgeClient c = Forges.client(gh.settings(time).withPullRequest(7));
    ImageAsset png = new ImageAsset("confusion matrix.png", "image/png",
        "PNG-bytes".getBytes(StandardCharsets.UTF_8));

    ImageLink link = c.uploadImage(CommentTarget.auto(), png);

    String path = "reports/" + png.sha256().substring(0, 16) + "-confusion-matrix.png";
    assertThat(link.url()).isEqualTo(gh.stub.uri("") + "/octo/wine/blob/cairn-assets/" + path
        + "?raw=true");
    assertThat(link.markdown()).isEqualTo("![confusion matrix.png](" + link.url() + ")");
    List<Exchange> posts = gh.stub.exchanges("POST");
    assertThat(posts).extracting(x -> x.request().path()).containsExactly(
        "/api/v3/repos/octo/wine/git/blobs", "/api/v3/repos/octo/wine/git/trees",
        "/api/v3/repos/octo/wine/git/commits", "/api/v3/repos/octo/wine/git/refs");
    JsonNode blob = posts.get(0).request().json();
    assertThat(Base64.getDecoder().decode(blob.path("content").asText())).isEqualTo(png.content());
    JsonNode tree = posts.get(1).request().json();
    assertThat(tree.has("base_tree")).isFalse();
    assertThat(tree.path("tree").get(0).path("path").asText()).isEqualTo(path);
    assertThat(posts.get(2).request().json().path("parents")).isEmpty();
    assertThat(gh.refs).containsKey("refs/heads/cairn-assets");
  }

  @Test
  void laterImagesAreCommittedOnTopOfTheBranch() throws Exception {
    ForgeClient c = Forges.client(gh.settings(time).withPullRequest(7));
    c.uploadImage(CommentTarget.auto(), new ImageAsset("a.png", "image/png", new byte[] {1}));
    String first = gh.refs.get("refs/heads/cairn-assets");

    c.uploadImage(CommentTarget.auto(), new ImageAsset("b.svg", "image/svg+xml", new byte[] {2}));

    List<Exchange> posts = gh.stub.exchanges("POST");
    JsonNode tree = posts.get(5).request().json();
    JsonNode commit = posts.get(6).request().json();
    assertThat(tree.has("base_tree")).isTrue();
    assertThat(commit.path("parents").get(0).asText()).isEqualTo(first);
    Exchange patch = gh.stub.exchanges("PATCH").get(0);
    assertThat(patch.request().path()).isEqualTo("/api/v3/repos/octo/wine/git/refs/heads/cairn-assets");
    assertThat(patch.request().json().path("force").asBoolean(true)).isFalse();
    assertThat(gh.refs.get("refs/heads/cairn-assets")).isNotEqualTo(first);
  }

  @Test
  void aRaceOnTheBranchIsRetriedOnce() throws Exception {
    ForgeClient c = Forges.client(gh.settings(time).withPullRequest(7));
    c.uploadImage(CommentTarget.auto(), new ImageAsset("a.png", "image/png", new byte[] {1}));
    AtomicInteger patches = new AtomicInteger();
    gh.stub.on("PATCH", "/api/v3/repos/octo/wine/git/refs/heads/cairn-assets", (r, m) -> {
      if (patches.incrementAndGet() == 1) {
        return Reply.json(422, "{\"message\":\"Update is not a fast forward\","
            + "\"documentation_url\":\"https://docs.github.com/rest/git/refs#update-a-reference\"}");
      }
      gh.refs.put("refs/heads/cairn-assets", r.json().path("sha").asText());
      return Reply.json(200, gh.api.example("git-ref"));
    });

    c.uploadImage(CommentTarget.auto(), new ImageAsset("b.png", "image/png", new byte[] {2}));

    assertThat(patches).hasValue(2);
    assertThat(gh.stub.exchanges("POST").stream()
        .filter(x -> x.request().path().endsWith("/git/commits"))).hasSize(3);
  }

  @Test
  void publicGithubLinksThroughGithubDotCom() {
    GitHubClient c = GitHubClient.create(gh.settings(time)
        .withApiBase(URI.create("https://api.github.com")));
    assertThat(c.webBase()).isEqualTo("https://github.com");
  }
}
