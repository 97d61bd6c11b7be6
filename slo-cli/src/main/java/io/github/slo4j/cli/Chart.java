package io.github.slo4j.cli;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.monitor.AlertTier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The chart of a replay as SVG: the error budget remaining over the period (top), the burn rate of
 * each alert tier's long window on a log scale with its threshold (bottom), firing intervals shaded
 * by severity across both, and change markers as vertical lines.
 *
 * <p>Written by hand rather than with a charting library: the command line lives in slo-core, whose
 * only runtime dependencies are slf4j-api and HdrHistogram, and two line panels with shading need
 * about 200 lines, not a library (JFreeChart with an SVG backend would add two jars to every service
 * that records).
 */
final class Chart {
  private static final int WIDTH = 960;
  private static final int LEFT = 70;
  private static final int RIGHT = 180;
  private static final int TOP_Y = 50;
  private static final int TOP_H = 170;
  private static final int BOTTOM_Y = 270;
  private static final int BOTTOM_H = 230;
  private static final int HEIGHT = 560;
  private static final String[] COLORS = {"#d62728", "#ff7f0e", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b"};
  private static final long[] STEPS = {
    60_000L, 300_000L, 600_000L, 1_800_000L, 3_600_000L, 7_200_000L, 21_600_000L, 43_200_000L,
    86_400_000L, 172_800_000L, 604_800_000L, 2_592_000_000L
  };

  private final SloDefinition slo;
  private final Simulation.Outcome o;
  private final StringBuilder sb = new StringBuilder();
  private final long from;
  private final long to;

  private Chart(SloDefinition slo, Simulation.Outcome o) {
    this.slo = slo;
    this.o = o;
    this.from = o.start.toEpochMilli();
    this.to = Math.max(o.end.toEpochMilli(), from + 1);
  }

  static String svg(SloDefinition slo, Simulation.Outcome o) {
    return new Chart(slo, o).draw();
  }

  private String draw() {
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    text(LEFT, 22, "start", "font-size=\"14\" font-weight=\"bold\"",
        slo.service() + "/" + slo.id() + ": " + slo.targets().get(0) + " over " + DurationFormat.format(slo.period().nominalLength()));
    firing();
    budgetPanel();
    burnPanel();
    timeAxis();
    changes();
    sb.append("</svg>\n");
    return sb.toString();
  }

  private double x(long millis) {
    return LEFT + (double) (millis - from) / (to - from) * (WIDTH - LEFT - RIGHT);
  }

  private void firing() {
    for (Simulation.Incident inc : o.incidents) {
      double x0 = x(inc.fired.toEpochMilli());
      double x1 = x((inc.resolved == null ? o.end : inc.resolved).toEpochMilli());
      String color = inc.severity.equals("page") ? "#d62728" : "#ff7f0e";
      sb.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" fill-opacity=\"0.15\"><title>%s %s firing</title></rect>%n",
          x0, TOP_Y, Math.max(1, x1 - x0), BOTTOM_Y + BOTTOM_H - TOP_Y, color, inc.severity, esc(inc.tier == null ? "" : inc.tier.toString())));
    }
  }

  private void budgetPanel() {
    double min = 1;
    for (int i = 0; i < o.samples; i++) {
      if (o.hasRemaining[i]) {
        min = Math.min(min, o.remaining[i]);
      }
    }
    // Zoom to the drop: the smallest step of 1, 2, 5, 10, 25 or 50 % that shows it in four lines or less.
    double range = Math.max(1e-9, (1 - min) * 1.1);
    double step = 0.5;
    for (double s : new double[] {0.01, 0.02, 0.05, 0.1, 0.25, 0.5}) {
      if (range / s <= 4) {
        step = s;
        break;
      }
    }
    final double lo = 1 - step * Math.max(1, Math.ceil(range / step));
    frame(TOP_Y, TOP_H, "error budget remaining (of the period's projected budget)");
    int lines = (int) Math.round((1 - lo) / step);
    for (int i = 0; i <= lines; i++) {
      double v = lo + i * step;
      grid(budgetY(v, lo), pct(v), Math.abs(v) < 1e-9 ? "#888" : "#ddd");
    }
    polyline(o.remaining, o.hasRemaining, v -> budgetY(v, lo), "#1f77b4", "");
  }

  private double budgetY(double v, double lo) {
    return TOP_Y + (1 - (v - lo) / (1 - lo)) * TOP_H;
  }

  private void burnPanel() {
    double max = 20;
    for (AlertTier t : o.tiers) {
      max = Math.max(max, t.factor() * 1.5);
    }
    for (int k = 0; k < o.tiers.size(); k++) {
      for (int i = 0; i < o.samples; i++) {
        if (o.hasBurn[k][i]) {
          max = Math.max(max, o.burn[k][i] * 1.2);
        }
      }
    }
    double top = Math.pow(10, Math.ceil(Math.log10(max)));
    frame(BOTTOM_Y, BOTTOM_H, "burn rate (log scale)");
    for (double v = 0.1; v <= top * 1.0001; v *= 10) {
      grid(burnY(v, top), num(v), "#ddd");
    }
    for (int k = 0; k < o.tiers.size(); k++) {
      AlertTier t = o.tiers.get(k);
      String color = COLORS[k % COLORS.length];
      final int tier = k;
      polyline(o.burn[k], o.hasBurn[k], v -> burnY(v, top), color, "");
      double y = burnY(t.factor(), top);
      sb.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6 4\" stroke-width=\"1\"/>%n",
          LEFT, y, WIDTH - RIGHT, y, color));
      double ly = BOTTOM_Y + 14 + 16 * tier;
      sb.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n",
          WIDTH - RIGHT + 10, ly - 4, WIDTH - RIGHT + 28, ly - 4, color));
      text(WIDTH - RIGHT + 32, ly, "start", "",
          t.severity() + " " + DurationFormat.format(t.longWindow()) + " > " + num(t.factor()));
    }
    double ly = BOTTOM_Y + 14 + 16 * o.tiers.size() + 6;
    text(WIDTH - RIGHT + 10, ly, "start", "fill=\"#666\"", "dashed: thresholds");
    legendBox(ly + 16, "#d62728", "page firing");
    legendBox(ly + 32, "#ff7f0e", "ticket firing");
  }

  private void legendBox(double y, String color, String label) {
    sb.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%.1f\" width=\"18\" height=\"10\" fill=\"%s\" fill-opacity=\"0.15\"/>%n", WIDTH - RIGHT + 10, y - 9, color));
    text(WIDTH - RIGHT + 32, y, "start", "", label);
  }

  private double burnY(double v, double top) {
    double c = Math.max(0.1, Math.min(v, top));
    return BOTTOM_Y + BOTTOM_H * (1 - (Math.log10(c) + 1) / (Math.log10(top) + 1));
  }

  private void frame(int y, int h, String title) {
    sb.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", LEFT, y, WIDTH - LEFT - RIGHT, h));
    text(LEFT + 4, y - 6, "start", "font-weight=\"bold\"", title);
  }

  private void grid(double y, String label, String color) {
    sb.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"0.5\"/>%n", LEFT, y, WIDTH - RIGHT, y, color));
    text(LEFT - 6, y + 4, "end", "", label);
  }

  private void polyline(double[] v, boolean[] has, java.util.function.DoubleUnaryOperator y, String color, String extra) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i <= o.samples; i++) {
      if (i < o.samples && has[i]) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(o.sampleAt[i]), y.applyAsDouble(v[i])));
      } else if (points.length() > 0) { // no data breaks the line: a gap, never a zero
        sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" ").append(extra)
            .append("points=\"").append(points.toString().trim()).append("\"/>\n");
        points.setLength(0);
      }
    }
  }

  private void timeAxis() {
    long span = to - from;
    long step = STEPS[STEPS.length - 1];
    for (long s : STEPS) {
      if (span / s <= 8) {
        step = s;
        break;
      }
    }
    DateTimeFormatter f = DateTimeFormatter.ofPattern(step >= 86_400_000L ? "MMM d" : "MMM d HH:mm", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    for (long t = (from + step - 1) / step * step; t <= to; t += step) {
      double px = x(t);
      sb.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>%n", px, BOTTOM_Y + BOTTOM_H, px, BOTTOM_Y + BOTTOM_H + 4));
      text(px, BOTTOM_Y + BOTTOM_H + 16, "middle", "", f.format(Instant.ofEpochMilli(t)));
    }
    text(WIDTH - RIGHT, BOTTOM_Y + BOTTOM_H + 34, "end", "fill=\"#666\"", "UTC; one sample every "
        + DurationFormat.format(Duration.ofMillis(o.samples > 1 ? o.sampleAt[1] - o.sampleAt[0] : o.interval.toMillis())));
  }

  private void changes() {
    int shown = 0;
    for (ChangeMarker c : o.changes) {
      long t = c.at().toEpochMilli();
      if (t < from || t > to) {
        continue;
      }
      double px = x(t);
      sb.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444\" stroke-dasharray=\"2 3\"/>%n",
          px, TOP_Y - 4, px, BOTTOM_Y + BOTTOM_H));
      // Labels step down so that changes close in time stay readable.
      text(px + 3, TOP_Y + TOP_H - 8 - 13 * (shown++ % 4), "start", "fill=\"#444\"", c.name() + " " + c.version());
    }
  }

  private void text(double x, double y, String anchor, String attrs, String content) {
    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n", x, y, anchor, attrs, esc(content)));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String num(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }

  private static String pct(double fraction) {
    return num(fraction * 100) + "%";
  }
}
