package io.stampede.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Instants#parse} must answer exactly as {@link Instant#parse}, for any text. */
class InstantsTest {

  private static final Random RANDOM = new Random(20261201);

  @Test
  void readsBackWhatInstantToStringWrites() {
    long latest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      // Whole seconds, milliseconds, microseconds and nanoseconds: toString writes 0, 3, 6 or 9 digits.
      long nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> RANDOM.nextInt(1000) * 1_000_000L;
        case 2 -> RANDOM.nextInt(1_000_000) * 1000L;
        default -> RANDOM.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(Math.floorMod(RANDOM.nextLong(), latest), nanos);
      assertThat(Instants.parse(instant.toString())).isEqualTo(instant);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2026-12-01T21:40:07Z", "2026-12-01T21:40:07.1Z", "2026-12-01T21:40:07.12345Z", "2024-02-29T00:00:00Z",
      "0000-01-01T00:00:00Z", "2026-12-01T21:40:07+01:00", "2016-12-31T23:59:60Z", "+10000-01-01T00:00:00Z",
      // Less obvious ones that Instant.parse takes (and so the fallback does): midnight as 24:00, an empty
      // fraction, a lower-case zone.
      "2026-12-01T24:00:00Z", "2026-12-01T21:40:07.Z", "2026-12-01T21:40:07z"})
  void acceptsWhatInstantParseAccepts(String text) {
    assertThat(Instants.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "2026-12-01", "2026-12-01T21:40:07", "2026-13-01T21:40:07Z",
      "2025-02-29T21:40:07Z", "2026-12-01T24:00:01Z", "2026-12-01T21:60:07Z", "2026-12-01T21:40:61Z",
      "2026-12-01T21:40:07.1234567890Z", "2026-12-01 21:40:07Z", "2026-12-0aT21:40:07Z", "2026-12-01T21:40:07.12a4Z",
      "-026-12-01T21:40:07Z"})
  void refusesWhatInstantParseRefuses(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Instants.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void agreesWithInstantParseOnRandomlyDamagedTimestamps() {
    List<Character> alphabet = List.of('0', '1', '2', '5', '9', '-', ':', '.', 'T', 'Z', '+', ' ');
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder(Instant.ofEpochSecond(RANDOM.nextInt(), RANDOM.nextInt(1_000_000_000)).toString());
      int at = RANDOM.nextInt(text.length());
      switch (RANDOM.nextInt(3)) {
        case 0 -> text.setCharAt(at, alphabet.get(RANDOM.nextInt(alphabet.size())));
        case 1 -> text.deleteCharAt(at);
        default -> text.insert(at, alphabet.get(RANDOM.nextInt(alphabet.size())));
      }
      String damaged = text.toString();
      Object expected = outcome(() -> Instant.parse(damaged));
      assertThat(outcome(() -> Instants.parse(damaged))).as(damaged).isEqualTo(expected);
    }
  }

  @Test
  void nullIsRefusedAsInstantParseRefusesIt() {
    assertThatThrownBy(() -> Instants.parse(null)).isInstanceOf(NullPointerException.class);
  }

  private static Object outcome(java.util.function.Supplier<Instant> parse) {
    try {
      return parse.get();
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }
}
