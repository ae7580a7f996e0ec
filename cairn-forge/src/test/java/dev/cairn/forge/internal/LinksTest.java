package dev.cairn.forge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinksTest {
  @Test
  void findsTheNextLink() {
    String h = "<https://api.github.com/repositories/1/issues/7/comments?per_page=100&page=2>;"
        + " rel=\"next\", <https://api.github.com/repositories/1/issues/7/comments?per_page=100"
        + "&page=3>; rel=\"last\"";
    assertThat(Links.next(Optional.of(h))).contains(
        URI.create("https://api.github.com/repositories/1/issues/7/comments?per_page=100&page=2"));
    assertThat(Links.next(Optional.of("<https://x/?page=1>; rel=\"prev\"; title=\"next\""))).isEmpty();
    assertThat(Links.next(Optional.of("<https://x/?page=1>; rel=\"prev first\""))).isEmpty();
    assertThat(Links.next(Optional.of("<https://x/?page=9>; rel=\"last next\"")))
        .contains(URI.create("https://x/?page=9"));
    assertThat(Links.next(Optional.empty())).isEmpty();
  }

  @Test
  void encodesSegments() {
    assertThat(Links.segment("group/sub project")).isEqualTo("group%2Fsub%20project");
    assertThat(Links.path("a b/c")).isEqualTo("a%20b/c");
  }
}
