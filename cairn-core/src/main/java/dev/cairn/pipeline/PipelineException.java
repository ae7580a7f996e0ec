package dev.cairn.pipeline;

import dev.cairn.errors.CairnException;

/**
 * Invalid pipeline input: a malformed {@code dvc.yaml}/{@code dvc.lock}, an unknown key, a template
 * that does not resolve, a cycle or overlapping outputs. The message is one line naming the file, the
 * line when known, the stage and the key, e.g. {@code dvc.yaml:12: stage 'train': unknown key 'outz'}.
 */
public class PipelineException extends CairnException {
  private static final long serialVersionUID = 1L;

  public PipelineException(String message) {
    super(Kind.INVALID_INPUT, message);
  }

  public PipelineException(String message, Throwable cause) {
    super(Kind.INVALID_INPUT, message, cause);
  }

  /** Builds {@code file[:line]: [stage 'name': ][key: ]detail}. */
  static PipelineException at(String file, int line, String stage, String key, String detail) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (stage != null) {
      sb.append("stage '").append(stage).append("': ");
    }
    if (key != null) {
      sb.append(key).append(": ");
    }
    return new PipelineException(sb.append(detail).toString());
  }
}
