package io.cryptomargin.io;

import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV reader: fields separated by commas, records by CRLF or LF, fields in double
 * quotes may hold commas, line breaks and doubled quotes. Deribit's exports quote Python dict and
 * list literals that are full of commas, so splitting on commas is not enough.
 */
final class Csv {
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** One record and the line it starts on (1-based), for error messages. */
  record Row(int line, List<String> fields) {
    Row {
      fields = List.copyOf(fields);
    }
  }

  private Csv() {}

  /**
   * Every record of the text; blank lines are skipped. Malformed quoting is recorded as a problem.
   */
  static List<Row> parse(String text, String source, Problems problems) {
    List<Row> rows = new ArrayList<>();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int line = 1;
    int n = text.length();
    while (i < n) {
      int rowLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean endOfRecord = false;
      boolean broken = false;
      while (!endOfRecord) {
        if (i < n && text.charAt(i) == '"') {
          int quoteLine = line;
          i++;
          boolean closed = false;
          while (i < n) {
            char c = text.charAt(i++);
            if (c == '"') {
              if (i < n && text.charAt(i) == '"') {
                field.append('"');
                i++;
              } else {
                closed = true;
                break;
              }
            } else {
              if (c == '\n') {
                line++;
              }
              field.append(c);
            }
          }
          if (!closed) {
            problems.add(source + " line " + quoteLine, "a quoted field is never closed");
            return rows;
          }
          if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            problems.add(
                source + " line " + line,
                "text after a closing quote; quotes inside a field must be doubled");
            broken = true;
            while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n') {
              i++;
            }
          }
        } else {
          while (i < n) {
            char c = text.charAt(i);
            if (c == ',' || c == '\n' || c == '\r') {
              break;
            }
            if (c == '"' && !broken) {
              problems.add(
                  source + " line " + line,
                  "a quote inside an unquoted field; quote the whole field");
              broken = true;
            }
            field.append(c);
            i++;
          }
        }
        fields.add(field.toString());
        field.setLength(0);
        if (i >= n) {
          endOfRecord = true;
        } else if (text.charAt(i) == ',') {
          i++;
        } else {
          if (text.charAt(i) == '\r') {
            i++;
          }
          if (i < n && text.charAt(i) == '\n') {
            i++;
          }
          line++;
          endOfRecord = true;
        }
      }
      boolean blank = fields.size() == 1 && fields.get(0).isBlank();
      if (!blank) {
        rows.add(new Row(rowLine, fields));
      }
    }
    return rows;
  }

  /**
   * A decimal number cell within a range; NaN and a problem otherwise. Only plain decimal text is a
   * number here: {@code NaN}, {@code Infinity}, hexadecimal floats and Java's {@code d}/{@code f}
   * suffixes, which {@link Double#parseDouble} accepts, are not numbers in a CSV file.
   */
  static double number(String text, String field, InputRange range, Problems problems) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      problems.add(field, "is empty, a number is required");
      return Double.NaN;
    }
    if (trimmed.length() > 100 || !DECIMAL.matcher(trimmed).matches()) {
      problems.add(
          field,
          "'"
              + (trimmed.length() > 100 ? trimmed.substring(0, 100) + "..." : trimmed)
              + "' is not a number");
      return Double.NaN;
    }
    double value = Double.parseDouble(trimmed);
    return range.check(field, value, problems) ? value : Double.NaN;
  }

  /** Quotes a field for writing when it needs it. */
  static String quote(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
