package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportMarkerTest {
  private final ReportMarker plain = ReportMarker.unlabelled();
  private final ReportMarker gpu = ReportMarker.of("train gpu");

  @Test
  void appendsOneHiddenMarker() {
    assertThat(plain.appendTo("# R\n")).isEqualTo("# R\n\n<!-- cairn-report -->");
    assertThat(gpu.appendTo("x")).isEqualTo("x\n\n<!-- cairn-report id=train gpu -->");
    assertThat(plain.appendTo("x\n\n<!-- cairn-report id=old -->"))
        .isEqualTo("x\n\n<!-- cairn-report -->");
    assertThat(plain.appendTo("")).isEqualTo("<!-- cairn-report -->");
  }

  @Test
  void matchesOnlyTheSameLabel() {
    assertThat(plain.matches("a\n<!-- cairn-report -->")).isTrue();
    assertThat(plain.matches("a\n<!-- cairn-report id=train gpu -->")).isFalse();
    assertThat(gpu.matches("a\n<!-- cairn-report id=train gpu -->")).isTrue();
    assertThat(gpu.matches("a\n<!-- cairn-report -->")).isFalse();
    assertThat(plain.matches("no marker")).isFalse();
    assertThat(plain.matches(null)).isFalse();
  }

  @Test
  void recognisesCmlWatermarksOfEveryVersion() {
    // v0.18.15 and later: SHA in the fragment, ignored
    assertThat(plain.matches("r\n\n![](https://cml.dev/watermark.png#0a1b2c \"CML watermark\")"))
        .isTrue();
    assertThat(gpu.matches("![](https://cml.dev/watermark.png#abc \"CML watermark train gpu\")"))
        .isTrue();
    assertThat(plain.matches("![](https://cml.dev/watermark.png#abc \"CML watermark train gpu\")"))
        .isFalse();
    // CML escapes _ * [ < in the title, GitHub returns it escaped
    ReportMarker u = ReportMarker.of("nightly_run");
    assertThat(u.matches("![](https://cml.dev/watermark.png#ab \"CML watermark nightly\\_run\")"))
        .isTrue();
    // v0.18.8 - v0.18.14: no SHA
    assertThat(plain.matches("![](https://cml.dev/watermark.png \"CML watermark\")")).isTrue();
    // v0.18.7 and earlier
    assertThat(plain.matches("![CML watermark](https://raw.githubusercontent.com/iterative/cml/"
        + "master/assets/watermark.svg)")).isTrue();
    assertThat(gpu.matches("![CML watermark](https://raw.githubusercontent.com/iterative/cml/"
        + "master/assets/watermark.svg)")).isFalse();
    // not a watermark: other title
    assertThat(plain.matches("![](https://cml.dev/watermark.png#ab \"CML watermarkx\")")).isFalse();
  }

  @Test
  void refusesLabelsThatCouldBreakTheHtmlComment() {
    assertThatThrownBy(() -> ReportMarker.of("a --> b")).hasMessageStartingWith("Invalid report label 'a --> b'");
    assertThatThrownBy(() -> ReportMarker.of("a\nb")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ReportMarker.of("  ")).isEqualTo(plain);
  }
}
