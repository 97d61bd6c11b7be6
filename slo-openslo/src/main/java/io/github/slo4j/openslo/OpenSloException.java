package io.github.slo4j.openslo;

/**
 * An OpenSLO document that slo4j cannot read, located at the value that is wrong: {@code
 * checkout.yaml:12:5: spec.objectives[0].target: 1.2 (expected 0 < target < 1)}.
 *
 * <p>The message is {@code file:line:column: field: detail}; lines and columns count from 1, and
 * the field is the path from the document's root in the spec's own names. A value that is missing
 * is located at the mapping that should hold it.
 */
public final class OpenSloException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String field;
  private final String detail;

  OpenSloException(String file, int line, int column, String field, String detail) {
    super(file + ":" + line + ":" + column + ": " + field + ": " + detail);
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
    this.detail = detail;
  }

  /** {@return the name of the file (or of the text) that holds the document} */
  public String file() {
    return file;
  }

  /** {@return the line of the wrong value, from 1} */
  public int line() {
    return line;
  }

  /** {@return the column of the wrong value, from 1} */
  public int column() {
    return column;
  }

  /** {@return the field's path from the document's root, e.g. {@code spec.objectives[0].target}} */
  public String field() {
    return field;
  }

  /** {@return what is wrong, e.g. {@code 1.2 (expected 0 < target < 1)}} */
  public String detail() {
    return detail;
  }
}
