package io.github.slo4j.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A tiny JSON writer for the command line's {@code --json} output: maps, lists, strings, numbers. */
final class Json {
  private Json() {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object value, int indent) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String) {
      string(sb, (String) value);
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Map) {
      Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) value).entrySet().iterator();
      sb.append('{');
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        newline(sb, indent + 1);
        string(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue(), indent + 1);
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      newline(sb, indent);
      sb.append('}');
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        newline(sb, indent + 1);
        write(sb, list.get(i), indent + 1);
        if (i < list.size() - 1) {
          sb.append(',');
        }
      }
      newline(sb, indent);
      sb.append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
    }
  }

  private static void newline(StringBuilder sb, int indent) {
    sb.append('\n');
    for (int i = 0; i < indent; i++) {
      sb.append("  ");
    }
  }

  private static void string(StringBuilder sb, String s) {
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
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
