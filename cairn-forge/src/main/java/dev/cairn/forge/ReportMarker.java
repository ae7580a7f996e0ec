package dev.cairn.forge;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden marker that makes a comment "ours", so that {@link ForgeClient#updateComment} can find
 * it again. Cairn writes an HTML comment, invisible when rendered:
 *
 * <pre>{@code <!-- cairn-report -->}            (no label)
 * {@code <!-- cairn-report id=train-gpu -->}  (label "train-gpu")</pre>
 *
 * <p>A label plays the part of CML's {@code --watermark-title}: comments with different labels are
 * updated independently, and a labelled marker never matches an unlabelled one.
 *
 * <p>{@link #matches} also recognises CML's watermarks (current, v0.18.8–v0.18.14 and ≤ v0.18.7
 * formats, reference/cml.md §3.1) with the same title, so a comment that CML posted is taken over.
 * The SHA in CML's marker is ignored, as CML does.
 */
public final class ReportMarker {
  private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N} ._:/#@+=(){}\\[\\]-]{1,100}");
  private static final Pattern OURS = Pattern.compile("<!-- cairn-report(?: id=(.*?))? -->");
  private static final Pattern CML =
      Pattern.compile(
          "!\\[\\]\\(https://cml\\.dev/watermark\\.png(?:#[0-9a-fA-F]+)? \"CML watermark(.*?)\"\\)");
  private static final String CML_LEGACY_SVG = "watermark.svg";

  private final String label;

  private ReportMarker(String label) {
    this.label = label;
  }

  /** The unlabelled marker. */
  public static ReportMarker unlabelled() {
    return new ReportMarker("");
  }

  /**
   * A marker with a label; an empty label gives the unlabelled marker. Placeholders such as
   * CML's {@code {workflow}} are expanded by the caller (see {@link
   * dev.cairn.forge.ci.CiEnvironment#expandLabel}).
   *
   * @throws IllegalArgumentException if the label is longer than 100 characters or has characters
   *     that could end the HTML comment ({@code <}, {@code >}, {@code --}, line breaks)
   */
  public static ReportMarker of(String label) {
    Objects.requireNonNull(label, "label");
    String l = label.trim();
    if (l.isEmpty()) {
      return unlabelled();
    }
    if (!LABEL.matcher(l).matches() || l.contains("--")) {
      throw new IllegalArgumentException(
          "Invalid report label '"
              + label
              + "': use up to 100 letters, digits, spaces and ._:/#@+=(){}[]- (no '--')");
    }
    return new ReportMarker(l);
  }

  /** The label; empty for the unlabelled marker. */
  public String label() {
    return label;
  }

  /** The marker text, e.g. {@code <!-- cairn-report id=nightly -->}. */
  public String text() {
    return label.isEmpty() ? "<!-- cairn-report -->" : "<!-- cairn-report id=" + label + " -->";
  }

  /**
   * {@code markdown} with the marker appended after a blank line. A marker of ours already in the
   * text (any label) is removed first, so the result carries exactly one.
   */
  public String appendTo(String markdown) {
    String body = OURS.matcher(markdown).replaceAll("").stripTrailing();
    return body.isEmpty() ? text() : body + "\n\n" + text();
  }

  /**
   * Whether a comment body carries this marker: ours with the same label, or CML's watermark with
   * the same title (escaped or not). An unlabelled marker also matches CML's ≤ v0.18.7 marker,
   * which had no title.
   */
  public boolean matches(String body) {
    if (body == null) {
      return false;
    }
    Matcher m = OURS.matcher(body);
    while (m.find()) {
      String found = m.group(1) == null ? "" : m.group(1).trim();
      if (found.equals(label)) {
        return true;
      }
    }
    Matcher c = CML.matcher(body);
    while (c.find()) {
      String title = c.group(1);
      String found = title.startsWith(" ") ? title.substring(1) : title;
      if (title.isEmpty() || title.startsWith(" ")) {
        if (found.equals(label) || unescapeCml(found).equals(label)) {
          return true;
        }
      }
    }
    return label.isEmpty() && body.contains(CML_LEGACY_SVG) && body.contains("CML watermark");
  }

  private static String unescapeCml(String title) {
    return title.replaceAll("\\\\([_*\\[<])", "$1");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReportMarker && ((ReportMarker) o).label.equals(label);
  }

  @Override
  public int hashCode() {
    return label.hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
