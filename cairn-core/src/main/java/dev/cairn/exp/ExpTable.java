package dev.cairn.exp;

import dev.cairn.errors.CairnException;
import dev.cairn.format.PyRepr;
import dev.cairn.metrics.FileResult;
import dev.cairn.metrics.Flatten;
import dev.cairn.metrics.RevisionResult;
import dev.cairn.metrics.TextTable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code exp show} table, as DVC's {@code commands/experiments/show.py} lays it out: columns
 * {@code Experiment, Created}, then every metric, every param and every dependency (path → short
 * hash). A metric or param name found in several files is prefixed {@code file:}. Rows: {@code
 * workspace}, each baseline (branch name or short SHA) and its experiments as tree children {@code
 * ├── <sha7> [<name>]}, the last one {@code └──}. Floats print with 5 significant digits ({@code
 * %.5g}); a missing value is {@code -}, a value of a file or revision that failed to load {@code
 * !}.
 *
 * <p>The CSV form keeps DVC's separate columns {@code Experiment, rev, typ, Created, parent}, ISO
 * times, empty cells for missing values and unrounded floats (unless a precision is given).
 */
public final class ExpTable {
  private static final String FILL = "-";
  private static final String FILL_ERRORED = "!";
  private static final List<String> BASE_HEADERS =
      List.of("Experiment", "rev", "typ", "Created", "parent", "State", "Executor");

  private ExpTable() {}

  /**
   * How to lay the table out.
   *
   * @param csv DVC's {@code --csv} layout (separate name/rev/typ/parent columns, ISO times)
   * @param precision significant digits for floats; null for DVC's default (5, or none in CSV)
   * @param sortBy a metric or param name, optionally {@code file:name}; null keeps newest first
   * @param descending sort order
   * @param onlyChanged drop metric, param and dependency columns whose value is the same in every row
   * @param today the local date, which decides between a time and a date in {@code Created}
   */
  public record Options(boolean csv, Integer precision, String sortBy, boolean descending, boolean onlyChanged,
      LocalDate today, List<String> keep, List<String> drop) {
    public Options {
      keep = keep == null ? List.of() : List.copyOf(keep);
      drop = drop == null ? List.of() : List.copyOf(drop);
    }

    /** Without {@code --keep} and {@code --drop}. */
    public Options(boolean csv, Integer precision, String sortBy, boolean descending, boolean onlyChanged,
        LocalDate today) {
      this(csv, precision, sortBy, descending, onlyChanged, today, List.of(), List.of());
    }

    /** The defaults of the plain and Markdown tables. */
    public static Options defaults(LocalDate today) {
      return new Options(false, null, null, false, false, today);
    }
  }

  private record Column(String kind, String file, String name, String header) {}

  private record Row(ExpState state, String label, String rev, String typ, String name, ExpRange.Executor executor) {}

  /** A built table and the indexes of its metric columns. */
  private record Built(TextTable table, Set<Integer> metricColumns) {}

  /**
   * Builds the table.
   *
   * @throws CairnException (invalid input) for an unknown or ambiguous {@code sortBy}
   */
  public static TextTable build(ExpShowResult result, Options o) throws CairnException {
    return layout(result, o).table();
  }

  /**
   * The plain text of {@code exp show}, as DVC 3 prints it: rules above and below the header and
   * at the bottom, metric columns right-aligned ({@link TextTable#horizontals}).
   *
   * @throws CairnException (invalid input) for an unknown or ambiguous {@code sortBy}
   */
  public static String text(ExpShowResult result, Options o) throws CairnException {
    Built b = layout(result, o);
    return b.table().horizontals(b.metricColumns());
  }

  private static Built layout(ExpShowResult result, Options o) throws CairnException {
    Map<String, LinkedHashSet<String>> metricNames = new LinkedHashMap<>();
    Map<String, LinkedHashSet<String>> paramNames = new LinkedHashMap<>();
    TreeSet<String> depNames = new TreeSet<>();
    for (ExpState s : allStates(result)) {
      if (s.data() != null) {
        names(s.data().metrics(), metricNames);
        names(s.data().params(), paramNames);
        depNames.addAll(s.data().deps().keySet());
      }
    }
    Map<String, Integer> count = new HashMap<>();
    for (Map<String, LinkedHashSet<String>> m : List.of(metricNames, paramNames)) {
      m.values().forEach(set -> set.forEach(n -> count.merge(n, 1, Integer::sum)));
    }
    BASE_HEADERS.forEach(h -> count.merge(h, 1, Integer::sum));
    List<Column> cols = new ArrayList<>();
    metricNames.forEach((f, set) -> set.forEach(n ->
        cols.add(new Column("metrics", f, n, count.get(n) == 1 ? n : f + ":" + n))));
    paramNames.forEach((f, set) -> set.forEach(n ->
        cols.add(new Column("params", f, n, count.get(n) == 1 ? n : f + ":" + n))));
    depNames.forEach(d -> cols.add(new Column("deps", null, d, d)));

    Column sortCol = o.sortBy() == null ? null : sortColumn(o.sortBy(), cols);
    String fill = o.csv() ? "" : FILL;
    Integer precision = o.precision() != null ? o.precision() : o.csv() ? null : 5;

    List<Row> rows = new ArrayList<>();
    for (ExpState base : result.states()) {
      boolean ws = "workspace".equals(base.rev());
      String baseRev = ws ? "workspace" : base.name() != null ? base.name() : base.rev().substring(0, 7);
      rows.add(new Row(base, baseRev, baseRev, "baseline", "", null));
      List<ExpRange> ranges = new ArrayList<>(base.experimentsOrEmpty());
      if (sortCol != null) {
        Comparator<ExpRange> cmp = Comparator.comparing((ExpRange r) -> sortKey(r.tip(), sortCol),
            ExpTable::compareKeys);
        ranges.sort(o.descending() ? cmp.reversed() : cmp);
      }
      for (int i = 0; i < ranges.size(); i++) {
        ExpRange r = ranges.get(i);
        String sha7 = r.tip().rev().substring(0, 7);
        boolean last = i == ranges.size() - 1;
        String label = r.name() == null || r.name().isEmpty() ? sha7 : sha7 + " [" + r.name() + "]";
        rows.add(new Row(r.tip(), (last ? "└── " : "├── ") + label, sha7,
            last ? "branch_base" : "branch_commit", r.name() == null ? "" : r.name(), r.executor()));
      }
    }

    List<List<String>> cells = new ArrayList<>();
    for (Row r : rows) {
      List<String> line = new ArrayList<>();
      String rowFill = r.state().error() != null ? FILL_ERRORED : fill;
      if (o.csv()) {
        line.add(r.name());
        line.add(r.rev());
        line.add(r.typ());
      } else {
        line.add(r.label());
      }
      line.add(created(r.state(), rowFill, o));
      if (o.csv()) {
        line.add("");
      }
      line.add(r.executor() == null ? fill : capitalize(r.executor().state()));
      line.add(r.executor() == null || r.executor().name() == null ? fill : capitalize(r.executor().name()));
      for (Column c : cols) {
        line.add(cell(r.state(), c, rowFill, precision));
      }
      cells.add(line);
    }
    List<String> headers = new ArrayList<>(o.csv() ? List.of("Experiment", "rev", "typ", "Created", "parent")
        : List.of("Experiment", "Created"));
    headers.add("State");
    headers.add("Executor");
    int fixed = headers.size();
    cols.forEach(c -> headers.add(c.header()));
    Pattern keepRe = regex("--keep", o.keep());
    Pattern dropRe = regex("--drop", o.drop());
    List<Integer> shown = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      int col = i;
      String h = headers.get(i);
      boolean kept = keepRe != null && keepRe.matcher(h).lookingAt();
      // State and Executor only when some row has one (DVC drops them when empty)
      if (!kept && (h.equals("State") || h.equals("Executor")) && i < fixed
          && cells.stream().allMatch(l -> l.get(col).equals(fill))) {
        continue;
      }
      if (o.onlyChanged() && !kept && i >= fixed && cells.stream().map(l -> l.get(col)).distinct().count() <= 1) {
        continue;
      }
      if (dropRe != null && dropRe.matcher(h).lookingAt()) {
        continue;
      }
      shown.add(i);
    }
    Set<Integer> metrics = new java.util.HashSet<>();
    for (int k = 0; k < shown.size(); k++) {
      if (shown.get(k) >= fixed && cols.get(shown.get(k) - fixed).kind().equals("metrics")) {
        metrics.add(k);
      }
    }
    Function<List<String>, List<String>> pick = l -> shown.stream().map(l::get).toList();
    return new Built(new TextTable(pick.apply(headers), cells.stream().map(pick).toList()), metrics);
  }

  private static Pattern regex(String option, List<String> patterns) throws CairnException {
    if (patterns.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(String.join("|", patterns));
    } catch (java.util.regex.PatternSyntaxException e) {
      throw CairnException.invalidInput(option + ": invalid regular expression '" + e.getPattern() + "': "
          + e.getDescription());
    }
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  private static List<ExpState> allStates(ExpShowResult result) {
    List<ExpState> out = new ArrayList<>();
    for (ExpState s : result.states()) {
      out.add(s);
      s.experimentsOrEmpty().forEach(r -> out.add(r.tip()));
    }
    return out;
  }

  private static void names(RevisionResult r, Map<String, LinkedHashSet<String>> names) {
    r.files().forEach((file, f) -> {
      LinkedHashSet<String> set = names.computeIfAbsent(file, k -> new LinkedHashSet<>());
      if (!f.isError()) {
        set.addAll(flat(file, f).keySet());
      }
    });
  }

  private static Map<String, Object> flat(String file, FileResult f) {
    if (f.data() instanceof Map<?, ?> m) {
      return Flatten.flatten(m);
    }
    Map<String, Object> one = new LinkedHashMap<>();
    one.put(file, f.data());
    return one;
  }

  private static Column sortColumn(String sortBy, List<Column> cols) throws CairnException {
    int colon = sortBy.lastIndexOf(':');
    String file = colon < 0 ? null : sortBy.substring(0, colon);
    String name = sortBy.substring(colon + 1);
    List<Column> matches = cols.stream().filter(c -> !c.kind().equals("deps") && c.name().equals(name)
        && (file == null || file.equals(c.file()))).toList();
    if (matches.isEmpty()) {
      throw CairnException.invalidInput("Unknown sort column '" + sortBy + "'; name a metric or param shown by"
          + " 'cairn exp show'");
    }
    if (matches.size() > 1) {
      Set<String> names = new TreeSet<>();
      matches.forEach(c -> names.add(c.file() + ":" + c.name()));
      throw CairnException.invalidInput("Ambiguous sort column '" + sortBy + "' matched '" + String.join(", ", names)
          + "'; give it as file:name");
    }
    return matches.get(0);
  }

  private static Object sortKey(ExpState s, Column c) {
    if (s.data() == null) {
      return null;
    }
    RevisionResult r = c.kind().equals("metrics") ? s.data().metrics() : s.data().params();
    FileResult f = r.files().get(c.file());
    return f == null || f.isError() ? null : flat(c.file(), f).get(c.name());
  }

  /** Missing values last (first when descending), numbers before strings, as DVC's {@code (val is None, val)}. */
  private static int compareKeys(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    boolean an = a instanceof Number || a instanceof Boolean;
    boolean bn = b instanceof Number || b instanceof Boolean;
    if (an && bn) {
      return toBig(a).compareTo(toBig(b));
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return PyRepr.str(a).compareTo(PyRepr.str(b));
  }

  private static BigDecimal toBig(Object v) {
    if (v instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (v instanceof BigInteger bi) {
      return new BigDecimal(bi);
    }
    if (v instanceof BigDecimal bd) {
      return bd;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(d) : BigDecimal.valueOf(d > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
    }
    return BigDecimal.valueOf(((Number) v).longValue());
  }

  private static String created(ExpState s, String fill, Options o) {
    LocalDateTime ts = s.data() == null ? null : s.data().timestamp();
    if (ts == null) {
      return fill;
    }
    if (o.csv()) {
      return ts.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
    String pattern = ts.toLocalDate().equals(o.today()) ? "hh:mm a" : "MMM dd, yyyy";
    return ts.format(DateTimeFormatter.ofPattern(pattern, Locale.US));
  }

  private static String cell(ExpState s, Column c, String fill, Integer precision) {
    if (s.data() == null) {
      return fill;
    }
    if (c.kind().equals("deps")) {
      ExpData.Dep d = s.data().deps().get(c.name());
      return d == null || d.hash() == null ? fill : d.hash().substring(0, Math.min(7, d.hash().length()));
    }
    RevisionResult r = c.kind().equals("metrics") ? s.data().metrics() : s.data().params();
    FileResult f = r.files().get(c.file());
    if (f == null) {
      return fill;
    }
    if (f.isError()) {
      return FILL_ERRORED;
    }
    Object v = flat(c.file(), f).get(c.name());
    return v == null ? fill : format(v, precision);
  }

  /** DVC's {@code _format_field}: floats with {@code precision} significant digits, the rest {@code str()}. */
  static String format(Object v, Integer precision) {
    if (precision != null && (v instanceof Double || v instanceof Float)) {
      return PyFormat.g(((Number) v).doubleValue(), precision);
    }
    return PyRepr.str(v);
  }
}
