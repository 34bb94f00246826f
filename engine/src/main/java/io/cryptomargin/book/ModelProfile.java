package io.cryptomargin.book;

/**
 * Which venue's values at which date a model's parameters are, so every result says what it
 * reproduces.
 *
 * @param name the profile, e.g. {@code deribit-2024}
 * @param date the date the values were read or published (ISO date), e.g. {@code 2024-06-17}
 * @param source where they come from (a URL or document name)
 */
public record ModelProfile(String name, String date, String source) {
  /** The profile of a model file that names none. */
  public static final ModelProfile UNNAMED = new ModelProfile("unnamed", "undated", "");

  public ModelProfile {
    name = name == null || name.isBlank() ? "unnamed" : name;
    date = date == null || date.isBlank() ? "undated" : date;
    source = source == null ? "" : source;
  }
}
