package io.github.slo4j.testing;

/**
 * A reliability assertion was inconclusive (the sample neither demonstrates nor refutes what was
 * asserted) and the JUnit Platform's {@code org.opentest4j.TestAbortedException}, which reports it
 * as aborted, is not on the class path. The message says so, and how large a sample would decide.
 */
public final class InconclusiveAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** An error with this message. */
  InconclusiveAssertionError(String message) {
    super(message);
  }
}
