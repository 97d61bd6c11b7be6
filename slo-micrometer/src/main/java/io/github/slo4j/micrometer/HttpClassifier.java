package io.github.slo4j.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import java.util.function.IntPredicate;

/** {@link OutcomeClassifier#http()}: parses the status without allocating. */
final class HttpClassifier implements OutcomeClassifier {
  static final HttpClassifier DEFAULT = new HttpClassifier(status -> status >= 500 && status <= 599);

  private final IntPredicate badStatus;

  HttpClassifier(IntPredicate badStatus) {
    this.badStatus = badStatus;
  }

  @Override
  public boolean isGood(Observation.Context context) {
    if (context.getError() != null) {
      return false;
    }
    KeyValue kv = context.getLowCardinalityKeyValue("status");
    int status = kv == null ? -1 : parseStatus(kv.getValue());
    return status < 0 || !badStatus.test(status);
  }

  /** The status as a number, or -1 when it is not one of one to three digits. */
  static int parseStatus(String s) {
    int n = s.length();
    if (n == 0 || n > 3) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  @Override
  public String toString() {
    return this == DEFAULT ? "OutcomeClassifier.http()" : "OutcomeClassifier.http(" + badStatus + ")";
  }
}
