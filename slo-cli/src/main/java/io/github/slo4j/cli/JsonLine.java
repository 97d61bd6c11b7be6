package io.github.slo4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a JSON-lines traffic file: a flat object whose values are strings, numbers or
 * booleans, each kept as text with the column where it starts, so that a bad value is reported
 * where it stands.
 */
final class JsonLine {
  private final String line;
  private final int number;
  private final String file;
  private int i;

  private JsonLine(String line, int number, String file) {
    this.line = line;
    this.number = number;
    this.file = file;
  }

  static Map<String, TrafficFile.Field> parse(String line, int number, String file) throws TrafficFile.BadFile {
    return new JsonLine(line, number, file).object();
  }

  private Map<String, TrafficFile.Field> object() throws TrafficFile.BadFile {
    Map<String, TrafficFile.Field> out = new LinkedHashMap<>();
    space();
    expect('{');
    space();
    if (peek() == '}') {
      i++;
    } else {
      while (true) {
        space();
        int keyAt = i;
        String key = string();
        if (out.containsKey(key)) {
          throw bad(keyAt, "key '" + key + "' given twice");
        }
        space();
        expect(':');
        space();
        out.put(key, value(keyAt + 1));
        space();
        if (peek() == ',') {
          i++;
          continue;
        }
        expect('}');
        break;
      }
    }
    space();
    if (i < line.length()) {
      throw bad(i, "unexpected '" + line.charAt(i) + "' after the object");
    }
    return out;
  }

  private TrafficFile.Field value(int keyColumn) throws TrafficFile.BadFile {
    int at = i;
    char c = peek();
    if (c == '"') {
      return new TrafficFile.Field(string(), at + 1, keyColumn);
    }
    while (i < line.length() && ",} \t".indexOf(line.charAt(i)) < 0) {
      i++;
    }
    if (i == at) {
      throw bad(at, "a value is missing");
    }
    String text = line.substring(at, i);
    if (!text.equals("true") && !text.equals("false") && !text.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
      throw bad(at, "'" + text + "' is not a JSON value (strings need quotes)");
    }
    return new TrafficFile.Field(text, at + 1, keyColumn);
  }

  private String string() throws TrafficFile.BadFile {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (i < line.length()) {
      char c = line.charAt(i++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        if (i >= line.length()) {
          break;
        }
        char e = line.charAt(i++);
        switch (e) {
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            if (i + 4 > line.length()) {
              throw bad(i - 2, "a \\u escape needs four hex digits");
            }
            try {
              sb.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
            } catch (NumberFormatException x) {
              throw bad(i - 2, "a \\u escape needs four hex digits");
            }
            i += 4;
            break;
          default:
            sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    throw bad(line.length(), "the string is not closed");
  }

  private void expect(char c) throws TrafficFile.BadFile {
    if (peek() != c) {
      throw bad(i, i < line.length() ? "'" + c + "' expected, found '" + line.charAt(i) + "'" : "'" + c + "' expected at the end of the line");
    }
    i++;
  }

  private char peek() {
    return i < line.length() ? line.charAt(i) : '\0';
  }

  private void space() {
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
  }

  private TrafficFile.BadFile bad(int at, String what) {
    return new TrafficFile.BadFile(file + ":" + number + ":" + (at + 1) + ": " + what);
  }
}
