package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenTest {
  @Test
  void neverShowsTheSecret() {
    Token t = Token.of("s3cr3t-value", "REPO_TOKEN");
    assertThat(t.toString()).isEqualTo("Token[from REPO_TOKEN, ***]");
    assertThat(t.redact("x s3cr3t-value y")).isEqualTo("x *** y");
    assertThat(t.reveal()).isEqualTo("s3cr3t-value");
  }

  @Test
  void rejectsBlankOrMultiLineWithoutEchoingIt() {
    assertThatThrownBy(() -> Token.of(" ", "GITHUB_TOKEN"))
        .hasMessage("The token from GITHUB_TOKEN is empty");
    assertThatThrownBy(() -> Token.of("abc\ndef", "GITHUB_TOKEN"))
        .hasMessage("The token from GITHUB_TOKEN spans several lines");
  }
}
