package io.github.slo4j.internal;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * slo4j's one JSON writer (RFC 8259): maps in their iteration order, lists, strings, booleans,
 * whole numbers and doubles. A double that is not finite is written {@code null}, so no NaN reaches
 * a receiver or a script. Compact for the notifiers' payloads, indented for the command line's
 * {@code --json}. Written here so that slo-core keeps no JSON dependency.
 */
public final class Json {
  private Json() {}

  /** {@code value} on one line, without spaces. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder(1024);
    write(sb, value, -1);
    return sb.toString();
  }

  /** {@code value} indented by two spaces a level, one member or element a line, and a final newline. */
  public static String writeIndented(Object value) {
    StringBuilder sb = new StringBuilder(1024);
    write(sb, value, 0);
    return sb.append('\n').toString();
  }

  /** Writes {@code value}; {@code indent} is the nesting level, or -1 for the compact form. */
  private static void write(StringBuilder sb, Object value, int indent) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String) {
      string(sb, (String) value);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Map) {
      Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) value).entrySet().iterator();
      sb.append('{');
      boolean any = it.hasNext();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        newline(sb, indent, 1);
        string(sb, String.valueOf(e.getKey()));
        sb.append(indent < 0 ? ":" : ": ");
        write(sb, e.getValue(), indent < 0 ? -1 : indent + 1);
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      if (any) {
        newline(sb, indent, 0);
      }
      sb.append('}');
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        newline(sb, indent, 1);
        write(sb, list.get(i), indent < 0 ? -1 : indent + 1);
      }
      if (!list.isEmpty()) {
        newline(sb, indent, 0);
      }
      sb.append(']');
    } else {
      throw Require.invalid("value", value.getClass().getName(), "a JSON value");
    }
  }

  private static void newline(StringBuilder sb, int indent, int deeper) {
    if (indent >= 0) {
      sb.append('\n');
      for (int i = 0; i < indent + deeper; i++) {
        sb.append("  ");
      }
    }
  }

  /** A JSON string (RFC 8259, section 7): quote, backslash and control characters escaped. */
  public static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
