package dev.cairn.forge.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.stub.StubServer.Exchange;
import dev.cairn.forge.stub.StubServer.Reply;
import dev.cairn.forge.stub.StubServer.Request;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator itself: it must reject what GitHub's description does not allow. */
class GitHubOpenApiTest {
  private final GitHubOpenApi api = GitHubOpenApi.load();

  private static Request post(String path, String json) {
    return new Request("POST", path, "", Map.of("content-type", List.of("application/json")),
        json.getBytes(StandardCharsets.UTF_8));
  }

  private Reply comment() {
    return Reply.json(201, api.example("issue-comment"));
  }

  @Test
  void acceptsAConformingExchange() {
    Exchange x = new Exchange(post("/repos/o/r/issues/1/comments", "{\"body\":\"hi\"}"), comment());
    assertThat(api.check(x)).isEmpty();
  }

  @Test
  void rejectsUnknownOperation() {
    Exchange x = new Exchange(post("/repos/o/r/issues/1/notes", "{\"body\":\"hi\"}"), comment());
    assertThat(api.check(x)).singleElement().asString().contains("no such operation");
  }

  @Test
  void rejectsWrongMethod() {
    Exchange x = new Exchange(new Request("PUT", "/repos/o/r/issues/comments/5", "", Map.of(),
        "{\"body\":\"x\"}".getBytes(StandardCharsets.UTF_8)), comment());
    assertThat(api.check(x)).singleElement().asString().contains("no such operation");
  }

  @Test
  void rejectsUndeclaredAndMissingRequestFields() {
    Exchange x = new Exchange(post("/repos/o/r/issues/1/comments", "{\"text\":\"hi\"}"), comment());
    assertThat(api.check(x)).anySatisfy(e -> assertThat(e).contains("required property 'body'"))
        .anySatisfy(e -> assertThat(e).contains("property 'text' is not in the schema"));
  }

  @Test
  void rejectsWrongTypes() {
    Exchange x = new Exchange(post("/repos/o/r/issues/1/comments", "{\"body\":42}"), comment());
    assertThat(api.check(x)).anySatisfy(e -> assertThat(e).contains("string"));
  }

  @Test
  void rejectsUndeclaredQueryParameter() {
    Exchange x = new Exchange(new Request("GET", "/repos/o/r/issues/1/comments",
        "per_page=100&sort=asc", Map.of(), new byte[0]),
        Reply.json(200, api.example("issue-comment-items")));
    assertThat(api.check(x)).singleElement().asString().contains("'sort' is not declared");
  }

  @Test
  void rejectsResponseMissingRequiredFields() {
    Exchange x = new Exchange(post("/repos/o/r/issues/1/comments", "{\"body\":\"hi\"}"),
        Reply.json(201, "{\"id\":1,\"body\":\"hi\"}"));
    assertThat(api.check(x)).anySatisfy(e -> assertThat(e).contains("required property 'html_url'"));
  }

  @Test
  void acceptsNullWhereTheDescriptionSaysNullable() {
    ObjectNode c = (ObjectNode) api.example("issue-comment");
    c.putNull("user");
    Exchange x = new Exchange(post("/repos/o/r/issues/1/comments", "{\"body\":\"hi\"}"),
        Reply.json(201, c));
    assertThat(api.check(x)).isEmpty();
  }

  @Test
  void rejectsNullWhereNotNullable() {
    ObjectNode c = (ObjectNode) api.example("issue-comment");
    c.putNull("html_url");
    Exchange x = new Exchange(post("/repos/o/r/issues/1/comments", "{\"body\":\"hi\"}"),
        Reply.json(201, c));
    assertThat(api.check(x)).isNotEmpty();
  }

  @Test
  void rejectsUndocumentedSuccessStatus() {
    Exchange x = new Exchange(post("/repos/o/r/issues/1/comments", "{\"body\":\"hi\"}"),
        Reply.json(200, api.example("issue-comment")));
    assertThat(api.check(x)).singleElement().asString().contains("not documented");
  }

  @Test
  void missingDescriptionTellsToRunNpmCi(@TempDir Path repo) throws Exception {
    Files.writeString(repo.resolve("package.json"), "{}");
    Files.createDirectories(repo.resolve(".ci"));
    Path module = Files.createDirectories(repo.resolve("cairn-forge"));

    assertThatThrownBy(() -> GitHubOpenApi.locate(module))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("run 'npm ci' at the repository root");
  }

  @Test
  void matchesRefsWithSlashes() {
    assertThat(api.operation("GET", "/repos/o/r/git/ref/heads/cairn-assets"))
        .isEqualTo("/repos/{owner}/{repo}/git/ref/{ref}");
    assertThat(api.operation("PATCH", "/repos/o/r/issues/comments/5"))
        .isEqualTo("/repos/{owner}/{repo}/issues/comments/{comment_id}");
  }
}
