package dev.cairn.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.format.PyJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole report for a branch against {@code main}, compared with the exact expected text. */
class ReportGoldenTest {
  @TempDir
  Path tmp;

  Path root;

  @BeforeEach
  void repo() throws Exception {
    root = tmp.resolve("repo");
    DemoRepo.create(root);
    DemoRepo.surefire(root);
  }

  @Test
  void markdown() throws Exception {
    Report r = new ReportBuilder(root, CairnYaml.load(root), "main").setRunUrl("https://ci.example/run/7").build();
    assertThat(ReportMarkdown.render(r)).isEqualTo(GOLDEN);
    assertThat(r.gatesPassed()).isFalse();
    assertThat(r.passed()).isFalse();
  }

  @Test
  void json() throws Exception {
    Report r = new ReportBuilder(root, CairnYaml.load(root), "main").build();
    Map<String, Object> j = r.toJson();
    assertThat(j.get("passed")).isEqualTo(false);
    assertThat(PyJson.dumpsUnsorted(j.get("metrics"))).isEqualTo("{\"dvclive/metrics.json\": {\"accuracy\": "
        + "{\"old\": 0.6, \"new\": 0.52, \"diff\": -0.07999999999999996}, \"loss\": {\"old\": 0.7, \"new\": 0.75, "
        + "\"diff\": 0.050000000000000044}}}");
    assertThat(PyJson.dumpsUnsorted(j.get("params")))
        .isEqualTo("{\"params.yaml\": {\"train.C\": {\"old\": 1, \"new\": 10, \"diff\": 9}}}");
    assertThat(PyJson.dumpsUnsorted(((java.util.List<?>) j.get("gates")).get(0))).isEqualTo("{\"metric\": \"accuracy\", "
        + "\"rule\": \"min\", \"threshold\": \"0.55\", \"passed\": false, \"file\": \"dvclive/metrics.json\", "
        + "\"head\": 0.52, \"base\": null, \"message\": \"accuracy 0.52 < min 0.55\"}");
    assertThat(PyJson.dumpsUnsorted(j.get("tests"))).startsWith("{\"files\": 1, \"tests\": 4, \"passed\": 1, "
        + "\"failures\": 1, \"errors\": 1, \"skipped\": 1");
    assertThat(PyJson.dumpsUnsorted(j.get("data"))).contains("{\"path\": \"extra.bin\", \"change\": \"added\", "
        + "\"old\": null, \"new\": {");
    assertThat(j.get("run_url")).isNull();
  }

  @Test
  void plotsDrawnNextToTheReport() throws Exception {
    Path out = tmp.resolve("out");
    Report r = new ReportBuilder(root, CairnYaml.load(root), "main").setImageDir(out, "report_plots").build();
    assertThat(r.plots()).hasSize(1);
    String image = r.plots().get(0).image();
    assertThat(image).startsWith("report_plots/").endsWith(".png");
    assertThat(Files.size(out.resolve(image))).isPositive();
    assertThat(ReportMarkdown.render(r)).contains("![" + r.plots().get(0).title() + "](" + image + ")");
  }

  @Test
  void sameRevisionHasNoChanges() throws Exception {
    Report r = new ReportBuilder(root, CairnYaml.load(root), "feature").build();
    String md = ReportMarkdown.render(r);
    assertThat(md).contains("No metric changed.").contains("No parameter changed.").contains("No tracked data changed.")
        .doesNotContain("## Plots");
    assertThat(r.gates().stream().filter(GateResult::passed).count()).isEqualTo(3);
  }

  @Test
  void staysUnderTheLimitWithANote() throws Exception {
    StringBuilder cases = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      cases.append("<testcase name=\"case").append(i).append("\" classname=\"dev.example.BigTest\">")
          .append("<failure message=\"value ").append(i).append(" was wrong in a rather long message to fill space\"/>")
          .append("</testcase>\n");
    }
    DemoRepo.write(root, "target/surefire-reports/TEST-dev.example.BigTest.xml",
        "<testsuite name=\"dev.example.BigTest\">\n" + cases + "</testsuite>\n");
    Report r = new ReportBuilder(root, CairnYaml.load(root), "main").build();
    String md = ReportMarkdown.render(r);
    assertThat(md.length()).isLessThanOrEqualTo(ReportMarkdown.GITHUB_LIMIT);
    assertThat(md).contains("more rows, left out to keep the report under 65,536 characters._")
        .contains("## Data").contains("## Metrics");
    String few = ReportMarkdown.render(r, 2000);
    assertThat(few.length()).isLessThanOrEqualTo(2000);
    assertThat(few).contains("_… and 1 more row, left out to keep the report under 2,000 characters._");
    String cut = ReportMarkdown.render(r, 1000);
    assertThat(cut.length()).isLessThanOrEqualTo(1000);
    assertThat(cut).startsWith("# Cairn report").endsWith("_Report cut to 1,000 characters._\n");
  }

  static final String GOLDEN = """
      # Cairn report: workspace vs main

      ❌ **2 of 4 gates failed** · ❌ 4 tests, 2 failed · compared with `main` · [CI run](https://ci.example/run/7)

      ## Gates

      | | Metric | Rule | workspace | main | Result |
      |---|---|---|---|---|---|
      | ❌ | accuracy | min 0.55 | 0.52 | - | accuracy 0.52 < min 0.55 |
      | ✅ | dvclive/metrics.json:accuracy | max_drop 0.1 | 0.52 | 0.6 | dvclive/metrics.json:accuracy dropped 0.08 (0.6 -> 0.52) <= max_drop 0.1 |
      | ✅ | loss | max 0.8 | 0.75 | - | loss 0.75 <= max 0.8 |
      | ❌ | loss | max_increase 5% | 0.75 | 0.7 | loss increased 7.14286% (0.7 -> 0.75) > max_increase 5% |

      ## Metrics

      | Path                 | Metric   | main   | workspace   | Change   |
      |----------------------|----------|--------|-------------|----------|
      | dvclive/metrics.json | accuracy | 0.6    | 0.52        | -0.08    |
      | dvclive/metrics.json | loss     | 0.7    | 0.75        | 0.05     |

      ## Params

      | Path        | Param   | main   | workspace   |
      |-------------|---------|--------|-------------|
      | params.yaml | train.C | 1      | 10          |

      ## Plots

      Changed plots:

      - `dvclive/plots/metrics/acc.tsv`

      ## Tests

      ❌ **4 tests**: 1 passed, 1 failed, 1 errors, 1 skipped (1 report).

      | Failed test | Message |
      |---|---|
      | ModelTest.accuracyAboveBaseline | expected: 0.55 |
      | ModelTest.loads | java.io.IOException: model.bin: no such file |

      ## Data

      | Path | Change | main | workspace |
      |---|---|---|---|
      | data/ | modified | 1.0 MiB | 1.5 MiB |
      | extra.bin | added | - | 512 B |
      | model.bin | modified | 2.0 KiB | 4.0 KiB |
      | old.csv | deleted | 10 B | - |

      """;
}
