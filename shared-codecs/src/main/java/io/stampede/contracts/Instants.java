package io.stampede.contracts;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the timestamps Stampede writes. Every event and order carries one or more, written by
 * {@link Instant#toString()} ({@code 2026-12-01T21:40:07.123456Z}), and each consumer reads them back
 * for every record: {@link Instant#parse} goes through the general {@code DateTimeFormatter}
 * machinery, which an allocation profile of an order burst found behind a tenth of the member's
 * garbage. This reads exactly that shape directly and hands anything else (an offset instead of
 * {@code Z}, a leap second, a year past 9999, a malformed text) to {@link Instant#parse}, so what is
 * accepted, refused and returned is always what {@code Instant.parse} would do.
 */
public final class Instants {

  private static final int SECONDS_PER_DAY = 86_400;
  /** {@code yyyy-MM-ddTHH:mm:ssZ}. */
  private static final int SHORTEST = 20;
  /** With nine digits of fraction. */
  private static final int LONGEST = 30;

  private Instants() {
  }

  /** The instant the text names; a text {@code Instant.parse} refuses throws its exception. */
  public static Instant parse(String text) {
    Instant fast = text == null ? null : fastPath(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /** The instant, or null when the text is not in the plain shape (the caller falls back). */
  private static Instant fastPath(String t) {
    int length = t.length();
    if (length < SHORTEST || length > LONGEST || length == SHORTEST + 1 || t.charAt(length - 1) != 'Z'
        || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    int nanos = 0;
    if (length > SHORTEST) {
      if (t.charAt(19) != '.') {
        return null;
      }
      int fraction = length - SHORTEST - 1;
      int value = digits(t, 20, fraction);
      if (value < 0) {
        return null;
      }
      nanos = value;
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = t.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
