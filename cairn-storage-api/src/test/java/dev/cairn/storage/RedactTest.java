package dev.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactTest {
  @Test
  void urlDropsPasswordAndQuery() {
    assertThat(Redact.url("https://user:pw@host/x?sig=abc")).isEqualTo("https://user:***@host/x?***");
  }

  @Test
  void valuesMasksEverySecretButIgnoresBlankOnes() {
    assertThat(Redact.values("key s3cr3tvalue and tok3n-1 here", Arrays.asList("s3cr3tvalue", "tok3n-1", null, "", "a")))
        .isEqualTo("key *** and *** here");
    assertThat(Redact.values(null, List.of("x"))).isNull();
  }
}
