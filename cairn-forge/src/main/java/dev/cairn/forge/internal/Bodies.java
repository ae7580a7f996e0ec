package dev.cairn.forge.internal;

/** Cutting texts to a forge's size limit, with a note that says so. */
public final class Bodies {
  private Bodies() {}

  /**
   * {@code text} if it fits in {@code max} characters, else its start followed by a note, the
   * whole at most {@code max} characters (a surrogate pair is never split) and then {@code tail}
   * (which must fit, e.g. a marker; it is counted against {@code max}).
   *
   * @param text the text
   * @param tail appended after the note, e.g. {@code "\n\n<!-- cairn-report -->"}; may be empty
   * @param max the limit in characters, including the tail
   * @param forge the forge's name, for the note
   * @param what what is cut, e.g. {@code "Report"}
   */
  public static String cut(String text, String tail, int max, String forge, String what) {
    if (text.length() + tail.length() <= max) {
      return text + tail;
    }
    String note = "\n\n> **" + what + " cut:** it was longer than " + forge + "'s limit of " + max
        + " characters; see the CI run for the full text.";
    int keep = max - note.length() - tail.length();
    String head = text.substring(0, Math.max(0, Math.min(keep, text.length())));
    if (head.length() > 0 && Character.isHighSurrogate(head.charAt(head.length() - 1))) {
      head = head.substring(0, head.length() - 1);
    }
    return head + note + tail;
  }

  /** The first line of {@code text}, cut to {@code max} characters with an ellipsis. */
  public static String line(String text, int max) {
    String l = text.strip().replaceAll("\\s*\\R[\\s\\S]*", "");
    if (l.length() <= max) {
      return l;
    }
    String head = l.substring(0, max - 1);
    if (Character.isHighSurrogate(head.charAt(head.length() - 1))) {
      head = head.substring(0, head.length() - 1);
    }
    return head + "…";
  }
}
