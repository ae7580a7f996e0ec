package dev.cairn.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits that keep a hostile YAML document from blowing up later walks (docs/reliability.md). */
class StructuredFilesLimitsTest {
  static String bomb(int levels) {
    StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= levels; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      sb.append("]\n");
    }
    return sb.toString();
  }

  @Test
  void aliasBombUnderTheAliasLimitIsRefused() {
    assertThatThrownBy(() -> StructuredFiles.parseYaml(bomb(10), "p.yaml"))
        .isInstanceOf(StructuredFiles.ParseException.class)
        .hasMessage("p.yaml: malformed YAML: aliases expand to more than 10000000 values (a YAML bomb?)");
  }

  @Test
  void sharedAliasesWithinTheLimitAreKept() throws Exception {
    Object v = StructuredFiles.parseYaml(bomb(3), "p.yaml");
    assertThat(((Map<?, ?>) v).get("a3")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(9);
  }

  @Test
  void selfContainingAliasIsRefused() {
    assertThatThrownBy(() -> StructuredFiles.parseYaml("a: &a [1, *a]\n", "p.yaml"))
        .hasMessage("p.yaml: malformed YAML: an alias refers to a collection that contains it");
  }

  @Test
  void nestingIsLimited() throws Exception {
    assertThat(StructuredFiles.parseYaml("x: " + "[".repeat(900) + "]".repeat(900), "p.yaml")).isNotNull();
    assertThatThrownBy(() -> StructuredFiles.parseYaml("x: " + "[".repeat(1500) + "]".repeat(1500), "p.yaml"))
        .hasMessage("p.yaml: malformed YAML: nested more than 1000 levels deep");
    assertThatThrownBy(() -> StructuredFiles.parseYaml("x: " + "[".repeat(100_000) + "]".repeat(100_000), "p.yaml"))
        .hasMessage("p.yaml: malformed YAML: nested more than 1000 levels deep");
  }

  @Test
  void plainDocumentsAreUnchanged() throws Exception {
    assertThat(StructuredFiles.parseYaml("a: [1, 2]\nb: {c: d}\n", "p.yaml"))
        .isEqualTo(Map.of("a", List.of(1, 2), "b", Map.of("c", "d")));
  }
}
