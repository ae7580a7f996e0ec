package dev.cairn.pipeline;

/** A templating failure without location; the parser adds file, line, stage and key. */
final class TemplateError extends Exception {
  private static final long serialVersionUID = 1L;

  TemplateError(String message) {
    super(message);
  }
}
