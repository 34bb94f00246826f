package io.cryptomargin.book;

import io.cryptomargin.validation.Problems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An account's book.
 *
 * @param account account id
 * @param collateral amounts held by currency (USD, USDC, USDT, or a coin such as BTC), in that
 *     currency, each &gt;= 0
 * @param positions the positions; an instrument may appear more than once (quantities add)
 * @param accountType who holds the account (span-16's initial factor), default speculator
 * @param marginMode how crypto-pm margins the account's currencies, default cross
 */
public record Portfolio(
    String account,
    Map<String, Double> collateral,
    List<Position> positions,
    AccountType accountType,
    MarginMode marginMode) {
  /** A speculator's book, margined cross. */
  public Portfolio(String account, Map<String, Double> collateral, List<Position> positions) {
    this(account, collateral, positions, AccountType.SPECULATOR, MarginMode.CROSS);
  }

  public Portfolio {
    accountType = accountType == null ? AccountType.SPECULATOR : accountType;
    marginMode = marginMode == null ? MarginMode.CROSS : marginMode;
    Problems problems = new Problems();
    if (account == null || account.isBlank()) {
      problems.add("account", "is required");
    }
    collateral =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(collateral == null ? Map.of() : collateral));
    collateral.forEach(
        (currency, amount) -> {
          if (amount == null || !Double.isFinite(amount)) {
            problems.add("collateral." + currency, "must be a finite amount, was " + amount);
          } else if (amount < 0) {
            problems.add(
                "collateral." + currency,
                "must be >= 0 (collateral is what the account holds; a debt is "
                    + "not collateral), was "
                    + amount);
          }
        });
    positions = List.copyOf(positions == null ? List.of() : positions);
    problems.throwIfAny();
  }

  /**
   * Where an instrument's first position is, as a field path of the portfolio file: {@code
   * positions[2]}. Problems about a holding name it this way, whatever computed them.
   */
  public String positionPath(String instrument) {
    for (int i = 0; i < positions.size(); i++) {
      if (positions.get(i).instrument().equals(instrument)) {
        return "positions[" + i + "]";
      }
    }
    return "positions[" + instrument + "]";
  }

  /** The distinct instrument names, in first-seen order. */
  public Set<String> instruments() {
    Set<String> names = new LinkedHashSet<>();
    positions.forEach(p -> names.add(p.instrument()));
    return names;
  }

  /** This book with every quantity scaled (collateral unchanged). */
  public Portfolio scaled(double factor) {
    return new Portfolio(
        account,
        collateral,
        positions.stream().map(p -> p.scaled(factor)).toList(),
        accountType,
        marginMode);
  }

  /** This book with more positions appended (a what-if trade). */
  public Portfolio with(List<Position> more) {
    List<Position> all = new ArrayList<>(positions);
    all.addAll(more);
    return new Portfolio(account, collateral, all, accountType, marginMode);
  }
}
