package dev.cairn.exp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExpRefTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void layoutIsDvcs() {
    assertThat(new ExpRef(SHA, "baggy-rams").refName())
        .isEqualTo("refs/exps/01/23456789abcdef0123456789abcdef01234567/baggy-rams");
  }

  @Test
  void parseRoundTripsAndSkipsNonExperimentRefs() {
    ExpRef r = new ExpRef(SHA, "exp-1a2b3");
    assertThat(ExpRef.parse(r.refName())).contains(r);
    assertThat(ExpRef.parse(ExpRef.CELERY_STASH)).isEmpty();
    assertThat(ExpRef.parse(ExpRef.EXEC_BASELINE)).isEmpty();
    assertThat(ExpRef.parse(ExpRef.APPLY_HEAD)).isEmpty();
    assertThat(ExpRef.parse("refs/heads/main")).isEmpty();
  }

  @Test
  void refusesBadNamesAndShas() {
    assertThat(ExpRef.isValidName("a..b")).isFalse();
    assertThat(ExpRef.isValidName("x.lock")).isFalse();
    assertThat(ExpRef.isValidName("-x")).isFalse();
    assertThat(ExpRef.isValidName("a/b")).isFalse();
    assertThatThrownBy(() -> new ExpRef("abc", "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
