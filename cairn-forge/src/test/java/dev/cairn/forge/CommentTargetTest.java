package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommentTargetTest {
  @Test
  void parsesCmlSyntax() {
    assertThat(CommentTarget.parse("auto")).isEqualTo(CommentTarget.auto());
    assertThat(CommentTarget.parse("pr")).isEqualTo(CommentTarget.pr());
    assertThat(CommentTarget.parse("PR/12")).isEqualTo(CommentTarget.pr(12));
    assertThat(CommentTarget.parse("commit")).isEqualTo(CommentTarget.commit());
    assertThat(CommentTarget.parse("commit/abc1234")).isEqualTo(CommentTarget.commit("abc1234"));
    assertThat(CommentTarget.parse("issue/3")).isEqualTo(CommentTarget.issue(3));
    assertThat(CommentTarget.pr(12)).hasToString("pr/12");
  }

  @Test
  void rejectsWithTheAcceptedForms() {
    assertThatThrownBy(() -> CommentTarget.parse("mr/3"))
        .hasMessage("Invalid comment target 'mr/3': use auto, pr, commit, pr/<number>,"
            + " commit/<sha> or issue/<number>");
    assertThatThrownBy(() -> CommentTarget.parse("pr/x")).hasMessage("Invalid pr number 'x'");
    assertThatThrownBy(() -> CommentTarget.parse("commit/zz")).hasMessage("Invalid commit SHA 'zz'");
    assertThatThrownBy(() -> CommentTarget.parse("issue"))
        .hasMessage("Target 'issue' needs a number: issue/<n>");
    assertThatThrownBy(() -> CommentTarget.parse("pr/")).isInstanceOf(IllegalArgumentException.class);
  }
}
