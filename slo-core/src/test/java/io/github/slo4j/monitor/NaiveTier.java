package io.github.slo4j.monitor;

/**
 * The naive models' rule for one tier at evaluation {@code k} (10-s intervals): an inactive tier
 * opens when its condition holds and its guards pass; an active one stays active while the
 * condition holds, and until it has been false for {@code keepMillis} (keep-firing hysteresis).
 */
final class NaiveTier {
  private NaiveTier() {}

  /**
   * Whether tier {@code t} is active after evaluation {@code k}; {@code falseSince[t]} is the
   * evaluation at which its condition turned false while active, or −1.
   */
  static boolean active(boolean was, boolean exceeded, boolean guardsPass, int k, long[] falseSince, int t,
      long keepMillis) {
    if (!was) {
      return exceeded && guardsPass;
    }
    if (exceeded) {
      falseSince[t] = -1;
      return true;
    }
    if (falseSince[t] < 0) {
      falseSince[t] = k;
    }
    boolean kept = (k - falseSince[t]) * 10_000L < keepMillis;
    if (!kept) {
      falseSince[t] = -1;
    }
    return kept;
  }
}
