package dev.cairn.report;

import dev.cairn.metrics.DiffResult;
import dev.cairn.metrics.MetricsFormat;
import dev.cairn.metrics.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Report} as the Markdown a reviewer reads: title, summary line, gates, metrics
 * and params diffs (DVC's {@code --md} tables), changed plots, tests, data changes and, for {@code
 * ci run}, the steps.
 *
 * <p>The text stays under a character limit ({@link #GITHUB_LIMIT} by default): long tables are cut
 * to fewer rows, with a note saying how many were left out, and as a last resort the text is cut.
 */
public final class ReportMarkdown {
  /** GitHub's limit on a comment body, in characters. */
  public static final int GITHUB_LIMIT = 65_536;

  private static final int[] ROW_LIMITS = {Integer.MAX_VALUE, 200, 50, 10, 3};

  private ReportMarkdown() {}

  /** Renders within {@link #GITHUB_LIMIT} characters. */
  public static String render(Report r) {
    return render(r, GITHUB_LIMIT);
  }

  /** Renders within {@code maxChars} characters (at least 1,000). */
  public static String render(Report r, int maxChars) {
    if (maxChars < 1000) {
      throw new IllegalArgumentException("maxChars must be at least 1000");
    }
    String text = "";
    for (int rows : ROW_LIMITS) {
      text = render(r, rows, maxChars);
      if (text.length() <= maxChars) {
        return text;
      }
    }
    String note = "\n\n_Report cut to " + String.format(Locale.ROOT, "%,d", maxChars) + " characters._\n";
    return text.substring(0, maxChars - note.length()) + note;
  }

  private static String render(Report r, int rows, int maxChars) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(inline(r.title())).append("\n\n");
    sb.append(summary(r)).append("\n\n");
    for (String w : r.warnings()) {
      sb.append("> ⚠️ ").append(inline(w)).append("\n");
    }
    if (!r.warnings().isEmpty()) {
      sb.append('\n');
    }
    gates(sb, r, rows, maxChars);
    sb.append("## Metrics\n\n");
    diff(sb, r.metrics(), MetricsFormat.DiffTableOptions.metrics(false, MetricsFormat.DEFAULT_PRECISION), rows, maxChars,
        "No metric changed.");
    sb.append("## Params\n\n");
    diff(sb, r.params(), MetricsFormat.DiffTableOptions.params(false), rows, maxChars, "No parameter changed.");
    plots(sb, r, rows, maxChars);
    tests(sb, r, rows, maxChars);
    data(sb, r, rows, maxChars);
    steps(sb, r);
    return sb.toString();
  }

  private static String summary(Report r) {
    StringBuilder s = new StringBuilder();
    long failedGates = r.gates().stream().filter(g -> !g.passed()).count();
    if (r.gates().isEmpty()) {
      s.append("No gates configured");
    } else if (failedGates == 0) {
      s.append("✅ **All ").append(r.gates().size()).append(" gates passed**");
    } else {
      s.append("❌ **").append(failedGates).append(" of ").append(r.gates().size()).append(" gates failed**");
    }
    TestSummary t = r.tests();
    if (t.files() > 0) {
      s.append(" · ").append(t.ok() ? "✅ " : "❌ ").append(t.tests()).append(" tests, ")
          .append(t.failures() + t.errors()).append(" failed");
    }
    s.append(" · compared with `").append(r.base()).append('`');
    if (!r.runUrl().isEmpty()) {
      s.append(" · [CI run](").append(r.runUrl()).append(')');
    }
    return s.toString();
  }

  private static void gates(StringBuilder sb, Report r, int rows, int maxChars) {
    sb.append("## Gates\n\n");
    if (r.gates().isEmpty()) {
      sb.append("No gates in `cairn.yaml`.\n\n");
      return;
    }
    sb.append("| | Metric | Rule | ").append(inline(r.head())).append(" | ").append(inline(r.base())).append(" | Result |\n");
    sb.append("|---|---|---|---|---|---|\n");
    int shown = 0;
    for (GateResult g : r.gates()) {
      if (shown == rows) {
        break;
      }
      shown++;
      sb.append("| ").append(g.passed() ? "✅" : "❌").append(" | ").append(cell(g.gate().metric()))
          .append(" | ").append(cell(g.gate().describe())).append(" | ").append(num(g.head()))
          .append(" | ").append(num(g.base())).append(" | ").append(cell(g.message())).append(" |\n");
    }
    more(sb, r.gates().size() - shown, maxChars);
    sb.append('\n');
  }

  private static void diff(StringBuilder sb, DiffResult d, MetricsFormat.DiffTableOptions o, int rows, int maxChars,
      String empty) {
    TextTable t = MetricsFormat.diffTable(d, o);
    if (t.isEmpty()) {
      sb.append(empty).append("\n\n");
      return;
    }
    if (t.rows().size() > rows) {
      sb.append(new TextTable(t.headers(), t.rows().subList(0, rows)).markdown());
      more(sb, t.rows().size() - rows, maxChars);
      sb.append('\n');
    } else {
      sb.append(t.markdown());
    }
  }

  private static void plots(StringBuilder sb, Report r, int rows, int maxChars) {
    if (r.plots().isEmpty()) {
      return;
    }
    sb.append("## Plots\n\n");
    if (r.plots().stream().anyMatch(p -> !p.image().isEmpty() || !p.images().isEmpty())) {
      sb.append("Changed plots, `").append(inline(r.base())).append("` and `").append(inline(r.head()))
          .append("` drawn together.\n\n");
    } else {
      sb.append("Changed plots:\n\n");
    }
    int shown = 0;
    for (ChangedPlot p : r.plots()) {
      if (shown == rows) {
        break;
      }
      shown++;
      if (!p.images().isEmpty()) {
        // an image plot: each revision's image side by side, as DVC shows one per revision
        List<String> revs = new ArrayList<>(p.images().keySet());
        sb.append("### ").append(inline(p.id())).append("\n\n|");
        revs.forEach(rev -> sb.append(' ').append(inline(rev)).append(" |"));
        sb.append('\n').append("|---".repeat(revs.size())).append("|\n|");
        revs.forEach(rev -> sb.append(" ![").append(inline(p.id() + " (" + rev + ")")).append("](")
            .append(p.images().get(rev).replace(" ", "%20")).append(") |"));
        sb.append("\n\n");
      } else if (p.image().isEmpty()) {
        sb.append("- `").append(inline(p.id())).append("`\n");
      } else {
        sb.append("### ").append(inline(p.id())).append("\n\n![").append(inline(p.title())).append("](")
            .append(p.image().replace(" ", "%20")).append(")\n\n");
      }
    }
    more(sb, r.plots().size() - shown, maxChars);
    if (sb.charAt(sb.length() - 2) != '\n') {
      sb.append('\n');
    }
  }

  private static void tests(StringBuilder sb, Report r, int rows, int maxChars) {
    sb.append("## Tests\n\n");
    TestSummary t = r.tests();
    if (t.files() == 0) {
      sb.append("No JUnit reports found.\n\n");
      return;
    }
    sb.append(t.ok() ? "✅ " : "❌ ").append("**").append(t.tests()).append(" tests**: ").append(t.passed())
        .append(" passed, ").append(t.failures()).append(" failed, ").append(t.errors()).append(" errors, ")
        .append(t.skipped()).append(" skipped (").append(t.files()).append(t.files() == 1 ? " report" : " reports")
        .append(").\n\n");
    if (t.failed().isEmpty()) {
      return;
    }
    sb.append("| Failed test | Message |\n|---|---|\n");
    int shown = 0;
    for (TestSummary.FailedTest f : t.failed()) {
      if (shown == rows) {
        break;
      }
      shown++;
      sb.append("| ").append(cell(f.name())).append(" | ").append(cell(f.message())).append(" |\n");
    }
    more(sb, t.failed().size() - shown, maxChars);
    sb.append('\n');
  }

  private static void data(StringBuilder sb, Report r, int rows, int maxChars) {
    sb.append("## Data\n\n");
    if (r.data().isEmpty()) {
      sb.append("No tracked data changed.\n\n");
      return;
    }
    sb.append("| Path | Change | ").append(inline(r.base())).append(" | ").append(inline(r.head())).append(" |\n");
    sb.append("|---|---|---|---|\n");
    int shown = 0;
    for (DataChange d : r.data()) {
      if (shown == rows) {
        break;
      }
      shown++;
      sb.append("| ").append(cell(d.path())).append(" | ").append(d.kind().label()).append(" | ")
          .append(d.oldHash().isEmpty() ? "-" : size(d.oldSize())).append(" | ")
          .append(d.newHash().isEmpty() ? "-" : size(d.newSize())).append(" |\n");
    }
    more(sb, r.data().size() - shown, maxChars);
    sb.append('\n');
  }

  private static void steps(StringBuilder sb, Report r) {
    if (r.steps().isEmpty()) {
      return;
    }
    sb.append("## CI steps\n\n| Step | Result | Detail |\n|---|---|---|\n");
    for (StepOutcome s : r.steps()) {
      String icon = switch (s.status()) {
        case OK -> "✅ ok";
        case FAILED -> "❌ failed";
        case SKIPPED -> "⏭️ skipped";
      };
      sb.append("| ").append(cell(s.name())).append(" | ").append(icon).append(" | ").append(cell(s.detail()))
          .append(" |\n");
    }
    sb.append('\n');
  }

  private static void more(StringBuilder sb, int hidden, int maxChars) {
    if (hidden > 0) {
      sb.append("\n_… and ").append(hidden).append(hidden == 1 ? " more row" : " more rows")
          .append(", left out to keep the report under ").append(String.format(Locale.ROOT, "%,d", maxChars))
          .append(" characters._\n");
    }
  }

  /** A human-readable size: bytes, then KiB, MiB, GiB with one decimal. */
  static String size(long bytes) {
    if (bytes < 0) {
      return "?";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static String num(Double d) {
    return d == null ? "-" : Numbers.format(d);
  }

  private static String inline(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  private static String cell(String s) {
    return inline(s).replace("|", "\\|");
  }
}
