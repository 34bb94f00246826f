package io.cryptomargin.rules;

import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Future;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.instrument.Spot;
import io.cryptomargin.rules.RulesBasedMargin.PricedLeg;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;


/**
 * Pairs one underlying's legs into strategies the way a broker would: the assignment with the
 * lowest initial margin (USD), found by a depth-first branch-and-bound over every candidate
 * strategy and every quantity it can take in lots (plus the fractional maximum), so a strategy
 * that looks best on its own cannot block a cheaper combination (greedy pairing can).
 *
 * <p>Scale: a lot is the largest quantity that divides every leg's quantity (1 contract for 3, 7
 * and 11 contracts; 10 for 10, 20 and 30; 0.1 for 0.3 and 0.5), so a book of q times the same
 * spreads is searched exactly like the book of one and costs q times as much: the search's size
 * depends on the book's shape, not on how many contracts it holds.
 *
 * <p>Budget: the search starts from the greedy pairing (candidates by largest saving per unit
 * first, each taken as far as its legs allow) and replaces it only by a strictly cheaper one; if
 * {@code searchNodeBudget} runs out, the cheaper of the greedy pairing and the best found is kept
 * and the outcome says which. The result is never worse than the greedy pairing.
 *
 * <p>Deterministic: legs are sorted by name and candidates by kind, then leg names; quantities are
 * tried largest first and a pairing replaces the best found only when strictly cheaper, so the
 * same book in any order gives the same pairing.
 */
final class StrategyPairing {
  /** Quantity values tried per candidate beyond which only a spread of them is tried. */
  private static final int MAX_QUANTITY_CHOICES = 24;
  private static final double QUANTITY_EPSILON = 1e-12;
  private static final double COST_EPSILON = 1e-9;
  private static final int MAX_LOT_DECIMALS = 8;

  private StrategyPairing() {}

  /**
   * The legs' margins and the strategies chosen, whether the search finished within its budget, and whether the
   * greedy pairing was kept because the search found nothing cheaper before it stopped.
   */
  record Outcome(List<LegMargin> legs, List<RecognizedStrategy> strategies, boolean complete, boolean greedyKept) {}

  /** A candidate strategy: legs (indices into the sorted legs) taken one contract each per unit. */
  private record Candidate(StrategyKind kind, int[] legs, double[] signs, Requirement unitCharge, String currency,
      double usdPerUnit, String description) {}

  static Outcome solve(String underlying, List<PricedLeg> unsorted, RulesParameters parameters) {
    List<PricedLeg> legs = new ArrayList<>(unsorted);
    legs.sort(Comparator.comparing(l -> l.name));
    List<Candidate> candidates = candidates(legs, parameters);
    Search search = new Search(legs, candidates, parameters.searchNodeBudget(), lot(legs));
    search.run();
    return assemble(underlying, legs, candidates, search.bestQuantities, !search.truncated,
        search.truncated && search.greedyKept);
  }

  // ---------------------------------------------------------------- candidates

  private static List<Candidate> candidates(List<PricedLeg> legs, RulesParameters p) {
    List<Candidate> out = new ArrayList<>();
    int n = legs.size();
    for (int s = 0; s < n; s++) {
      PricedLeg shortLeg = legs.get(s);
      if (!(shortLeg.instrument instanceof EuropeanOption so) || shortLeg.quantity >= 0) {
        continue;
      }
      for (int l = 0; l < n; l++) {
        PricedLeg other = legs.get(l);
        if (l == s) {
          continue;
        }
        if (other.instrument instanceof EuropeanOption lo && other.quantity > 0 && sameBook(so, lo)) {
          if (p.recognizes(StrategyKind.VERTICAL_SPREAD) && lo.expiryTime().equals(so.expiryTime())
              && lo.putCall() == so.putCall() && lo.strike() != so.strike()) {
            out.add(vertical(legs, s, l));
          }
          if (p.recognizes(StrategyKind.CALENDAR) && lo.expiryTime().isAfter(so.expiryTime())
              && lo.putCall() == so.putCall() && lo.strike() == so.strike()) {
            double debit = Math.max(other.mark - shortLeg.mark, 0.0);
            out.add(candidate(StrategyKind.CALENDAR, legs, new int[] {s, l}, new double[] {-1, 1},
                debit, "calendar: the net premium paid, " + money(debit, so)));
          }
        }
        if (other.instrument instanceof EuropeanOption po && other.quantity < 0 && so.putCall() == PutCall.CALL
            && po.putCall() == PutCall.PUT && sameBook(so, po) && p.recognizes(StrategyKind.STRADDLE)
            && po.expiryTime().equals(so.expiryTime()) && po.strike() == so.strike()) {
          out.add(straddle(legs, s, l));
        }
        if (so.putCall() == PutCall.CALL && p.recognizes(StrategyKind.COVERED_CALL) && other.quantity > 0
            && coversCall(so, other)) {
          double charge = shortLeg.mark + (other.isDelta1() ? other.unitStandard().initial() : 0.0);
          out.add(candidate(StrategyKind.COVERED_CALL, legs, new int[] {s, l}, new double[] {-1, 1}, charge,
              "covered call: the call's mark" + (other.isDelta1() ? " plus the future's margin per coin" : "")));
        }
      }
    }
    if (p.recognizes(StrategyKind.IRON_CONDOR)) {
      condors(legs, out);
    }
    if (p.recognizes(StrategyKind.FUTURES_HEDGE)) {
      for (int f = 0; f < n; f++) {
        PricedLeg future = legs.get(f);
        if (!future.isDelta1()) {
          continue;
        }
        for (int o = 0; o < n; o++) {
          PricedLeg option = legs.get(o);
          if (!(option.instrument instanceof EuropeanOption eo) || option.quantity <= 0
              || !eo.settlementCurrency().equals(future.instrument.settlementCurrency()) || !outlives(future, eo)) {
            continue;
          }
          boolean protectivePut = future.quantity > 0 && eo.putCall() == PutCall.PUT;
          boolean protectiveCall = future.quantity < 0 && eo.putCall() == PutCall.CALL;
          if (!protectivePut && !protectiveCall) {
            continue;
          }
          double lossToStrike = Math.max(protectivePut ? future.price - eo.strike() : eo.strike() - future.price, 0.0);
          double charge = inUnitsOf(lossToStrike, eo, option.price) + option.mark;
          out.add(candidate(StrategyKind.FUTURES_HEDGE, legs, new int[] {f, o},
              new double[] {Math.signum(future.quantity), 1}, charge,
              "futures hedge: the option's premium plus the future's loss to the strike"));
        }
      }
    }
    out.sort(Comparator.comparing((Candidate c) -> c.kind().ordinal()).thenComparing(c -> key(legs, c)));
    return out;
  }

  private static Candidate vertical(List<PricedLeg> legs, int s, int l) {
    PricedLeg shortLeg = legs.get(s);
    PricedLeg longLeg = legs.get(l);
    EuropeanOption so = (EuropeanOption) shortLeg.instrument;
    EuropeanOption lo = (EuropeanOption) longLeg.instrument;
    double width = so.putCall() == PutCall.CALL ? lo.strike() - so.strike() : so.strike() - lo.strike();
    if (width > 0) {
      double charge = inUnitsOf(width, so, shortLeg.price);
      return candidate(StrategyKind.VERTICAL_SPREAD, legs, new int[] {s, l}, new double[] {-1, 1}, charge,
          "credit spread: the strike width " + (int) width + " USD" + inverseNote(so));
    }
    double debit = Math.max(longLeg.mark - shortLeg.mark, 0.0);
    return candidate(StrategyKind.VERTICAL_SPREAD, legs, new int[] {s, l}, new double[] {-1, 1}, debit,
        "debit spread: the net premium paid");
  }

  private static Candidate straddle(List<PricedLeg> legs, int call, int put) {
    PricedLeg c = legs.get(call);
    PricedLeg p = legs.get(put);
    Requirement rc = c.unitStandard();
    Requirement rp = p.unitStandard();
    double initial = rc.initial() >= rp.initial() ? rc.initial() + p.mark : rp.initial() + c.mark;
    double maintenance = rc.maintenance() >= rp.maintenance() ? rc.maintenance() + p.mark : rp.maintenance() + c.mark;
    return new Candidate(StrategyKind.STRADDLE, new int[] {call, put}, new double[] {-1, -1},
        capped(new Requirement(initial, maintenance), legs, new int[] {call, put}),
        c.instrument.settlementCurrency(), c.usdPerUnit,
        "straddle: the larger leg's margin plus the other leg's mark");
  }

  private static void condors(List<PricedLeg> legs, List<Candidate> out) {
    int n = legs.size();
    for (int sc = 0; sc < n; sc++) {
      if (!isOption(legs.get(sc), PutCall.CALL, -1)) {
        continue;
      }
      EuropeanOption shortCall = (EuropeanOption) legs.get(sc).instrument;
      for (int lc = 0; lc < n; lc++) {
        if (!isOption(legs.get(lc), PutCall.CALL, 1)) {
          continue;
        }
        EuropeanOption longCall = (EuropeanOption) legs.get(lc).instrument;
        if (!sameExpiryBook(shortCall, longCall) || !(longCall.strike() > shortCall.strike())) {
          continue;
        }
        for (int sp = 0; sp < n; sp++) {
          if (!isOption(legs.get(sp), PutCall.PUT, -1)) {
            continue;
          }
          EuropeanOption shortPut = (EuropeanOption) legs.get(sp).instrument;
          if (!sameExpiryBook(shortCall, shortPut) || shortPut.strike() > shortCall.strike()) {
            continue;
          }
          for (int lp = 0; lp < n; lp++) {
            if (!isOption(legs.get(lp), PutCall.PUT, 1)) {
              continue;
            }
            EuropeanOption longPut = (EuropeanOption) legs.get(lp).instrument;
            if (!sameExpiryBook(shortCall, longPut) || !(longPut.strike() < shortPut.strike())) {
              continue;
            }
            double width = Math.max(longCall.strike() - shortCall.strike(), shortPut.strike() - longPut.strike());
            double charge = inUnitsOf(width, shortCall, legs.get(sc).price);
            out.add(candidate(StrategyKind.IRON_CONDOR, legs, new int[] {sc, lc, sp, lp},
                new double[] {-1, 1, -1, 1}, charge,
                "iron condor: the wider side's strike width " + (int) width + " USD" + inverseNote(shortCall)));
          }
        }
      }
    }
  }

  private static Candidate candidate(StrategyKind kind, List<PricedLeg> legs, int[] members, double[] signs,
      double charge, String description) {
    PricedLeg first = legs.get(members[0]);
    return new Candidate(kind, members, signs, capped(new Requirement(charge, charge), legs, members),
        first.instrument.settlementCurrency(), first.usdPerUnit, description);
  }

  /** Maintenance never above the legs' own standard maintenance. */
  private static Requirement capped(Requirement charge, List<PricedLeg> legs, int[] members) {
    double standaloneMaintenance = 0;
    for (int m : members) {
      standaloneMaintenance += legs.get(m).unitStandard().maintenance() * legs.get(m).usdPerUnit;
    }
    double usd = legs.get(members[0]).usdPerUnit;
    return new Requirement(charge.initial(), Math.min(charge.maintenance(), standaloneMaintenance / usd));
  }

  private static boolean isOption(PricedLeg leg, PutCall putCall, int sign) {
    return leg.instrument instanceof EuropeanOption o && o.putCall() == putCall && Math.signum(leg.quantity) == sign;
  }

  private static boolean sameBook(EuropeanOption a, EuropeanOption b) {
    return a.settlementCurrency().equals(b.settlementCurrency());
  }

  private static boolean sameExpiryBook(EuropeanOption a, EuropeanOption b) {
    return sameBook(a, b) && a.expiryTime().equals(b.expiryTime());
  }

  /** Long spot, or a long future or perpetual in the call's currency lasting at least as long. */
  private static boolean coversCall(EuropeanOption call, PricedLeg cover) {
    if (cover.instrument instanceof Spot) {
      return true;
    }
    return cover.isDelta1() && cover.instrument.settlementCurrency().equals(call.settlementCurrency())
        && outlives(cover, call);
  }

  private static boolean outlives(PricedLeg delta1, EuropeanOption option) {
    return !(delta1.instrument instanceof Future f) || !f.expiryTime().isBefore(option.expiryTime());
  }

  /** A USD amount per coin in the option's settlement currency: USD for linear, coin (÷ U) for inverse. */
  private static double inUnitsOf(double usd, EuropeanOption option, double underlyingPrice) {
    double perCoin = option.settlement() == Settlement.LINEAR ? usd : usd / underlyingPrice;
    return perCoin * option.contractSize();
  }

  private static String inverseNote(EuropeanOption option) {
    return option.settlement() == Settlement.INVERSE ? ", in coin at U" : "";
  }

  private static String money(double amount, EuropeanOption option) {
    return String.format("%.6g %s", amount, option.settlementCurrency());
  }

  private static String key(List<PricedLeg> legs, Candidate c) {
    StringBuilder sb = new StringBuilder();
    for (int m : c.legs()) {
      sb.append(legs.get(m).name).append('|');
    }
    return sb.toString();
  }

  /**
   * The largest quantity dividing every leg's quantity (contracts), found on decimal quantities of up to
   * {@value #MAX_LOT_DECIMALS} places; 1 when the quantities have no such common measure (then whole contracts
   * are tried, plus the fractional maximum).
   */
  static double lot(List<PricedLeg> legs) {
    for (int places = 0; places <= MAX_LOT_DECIMALS; places++) {
      double scale = Math.pow(10, places);
      long gcd = 0;
      boolean whole = true;
      for (PricedLeg leg : legs) {
        double scaled = Math.abs(leg.quantity) * scale;
        long rounded = Math.round(scaled);
        if (scaled > Long.MAX_VALUE / 2.0 || Math.abs(scaled - rounded) > 1e-9 * Math.max(1.0, scaled)) {
          whole = false;
          break;
        }
        gcd = gcd(gcd, rounded);
      }
      if (whole && gcd > 0) {
        return gcd / scale;
      }
    }
    return 1.0;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  // ---------------------------------------------------------------- search

  private static final class Search {
    final List<PricedLeg> legs;
    final List<Candidate> candidates;
    final long budget;
    final double lot;
    final double[] remaining;
    final double[] quantities;
    final int[] lastCandidateUsing;
    double[] bestQuantities;
    double bestCost;
    long nodes;
    boolean truncated;
    boolean greedyKept = true;

    Search(List<PricedLeg> legs, List<Candidate> candidates, long budget, double lot) {
      this.legs = legs;
      this.candidates = candidates;
      this.budget = budget;
      this.lot = lot;
      remaining = new double[legs.size()];
      for (int i = 0; i < legs.size(); i++) {
        remaining[i] = Math.abs(legs.get(i).quantity);
      }
      quantities = new double[candidates.size()];
      lastCandidateUsing = new int[legs.size()];
      java.util.Arrays.fill(lastCandidateUsing, -1);
      for (int c = 0; c < candidates.size(); c++) {
        for (int m : candidates.get(c).legs()) {
          lastCandidateUsing[m] = c;
        }
      }
      greedy();
    }

    /**
     * The starting pairing and bound: candidates by largest saving per unit (their legs' standalone margin minus
     * the strategy's charge, USD), ties in candidate order, each taken as far as its legs allow.
     */
    private void greedy() {
      Integer[] order = new Integer[candidates.size()];
      double[] saving = new double[candidates.size()];
      for (int c = 0; c < order.length; c++) {
        order[c] = c;
        Candidate candidate = candidates.get(c);
        for (int m : candidate.legs()) {
          saving[c] += legs.get(m).unitStandard().initial() * legs.get(m).usdPerUnit;
        }
        saving[c] -= candidate.unitCharge().initial() * candidate.usdPerUnit();
      }
      java.util.Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -saving[c]));
      double[] chosen = new double[candidates.size()];
      double strategyCost = 0;
      for (int c : order) {
        if (saving[c] <= 0) {
          break;
        }
        Candidate candidate = candidates.get(c);
        double max = Double.POSITIVE_INFINITY;
        for (int m : candidate.legs()) {
          max = Math.min(max, remaining[m]);
        }
        if (max > QUANTITY_EPSILON) {
          take(candidate, max);
          chosen[c] = max;
          strategyCost += max * candidate.unitCharge().initial() * candidate.usdPerUnit();
        }
      }
      bestCost = strategyCost + nakedCost(0, legs.size());
      bestQuantities = chosen;
      for (int c = 0; c < chosen.length; c++) {
        take(candidates.get(c), -chosen[c]);
      }
    }

    void run() {
      visit(0, 0.0);
    }

    private void visit(int c, double strategyCost) {
      if (++nodes > budget) {
        truncated = true;
        return;
      }
      if (strategyCost + fixedNakedCost(c) >= bestCost - tolerance()) {
        return;
      }
      if (c == candidates.size()) {
        double cost = strategyCost + nakedCost(0, legs.size());
        if (cost < bestCost - tolerance()) {
          bestCost = cost;
          bestQuantities = quantities.clone();
          greedyKept = false;
        }
        return;
      }
      Candidate candidate = candidates.get(c);
      double max = Double.POSITIVE_INFINITY;
      for (int m : candidate.legs()) {
        max = Math.min(max, remaining[m]);
      }
      double unitCost = candidate.unitCharge().initial() * candidate.usdPerUnit();
      for (double q : choices(max)) {
        if (truncated) {
          return;
        }
        take(candidate, q);
        quantities[c] = q;
        visit(c + 1, strategyCost + q * unitCost);
        quantities[c] = 0;
        take(candidate, -q);
      }
    }

    private void take(Candidate candidate, double q) {
      for (int m : candidate.legs()) {
        remaining[m] -= q;
        if (Math.abs(remaining[m]) < QUANTITY_EPSILON) {
          remaining[m] = 0;
        }
      }
    }

    /** Largest first: the maximum, then whole lots down to 0 (a spread of them when there are many). */
    private List<Double> choices(double max) {
      List<Double> out = new ArrayList<>();
      if (max <= QUANTITY_EPSILON) {
        out.add(0.0);
        return out;
      }
      out.add(max);
      long whole = (long) Math.floor(max / lot - QUANTITY_EPSILON);
      if (whole + 1 <= MAX_QUANTITY_CHOICES) {
        for (long k = whole; k >= 1; k--) {
          if (k * lot < max - QUANTITY_EPSILON) {
            out.add(k * lot);
          }
        }
      } else {
        for (int i = MAX_QUANTITY_CHOICES - 1; i >= 1; i--) {
          out.add(Math.round(whole * (double) i / MAX_QUANTITY_CHOICES) * lot);
        }
      }
      out.add(0.0);
      return out.stream().distinct().toList();
    }

    /** Naked cost of legs no later candidate can use: a lower bound for the rest of this branch. */
    private double fixedNakedCost(int c) {
      double total = 0;
      for (int i = 0; i < legs.size(); i++) {
        if (lastCandidateUsing[i] < c) {
          total += legs.get(i).standard(remaining[i]).initial() * legs.get(i).usdPerUnit;
        }
      }
      return total;
    }

    private double nakedCost(int from, int to) {
      double total = 0;
      for (int i = from; i < to; i++) {
        total += legs.get(i).standard(remaining[i]).initial() * legs.get(i).usdPerUnit;
      }
      return total;
    }

    private double tolerance() {
      return COST_EPSILON * (1 + Math.abs(bestCost));
    }
  }

  // ---------------------------------------------------------------- result

  private static Outcome assemble(String underlying, List<PricedLeg> legs, List<Candidate> candidates,
      double[] chosen, boolean complete, boolean greedyKept) {
    int n = legs.size();
    double[] remaining = new double[n];
    double[] allocatedInitial = new double[n];
    double[] allocatedMaintenance = new double[n];
    List<List<String>> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      remaining[i] = Math.abs(legs.get(i).quantity);
      ids.add(new ArrayList<>());
    }
    List<RecognizedStrategy> strategies = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      double q = chosen[c];
      if (q <= QUANTITY_EPSILON) {
        continue;
      }
      Candidate candidate = candidates.get(c);
      String id = underlying + "#" + (strategies.size() + 1);
      Requirement charge = candidate.unitCharge().times(q);
      double standaloneInitial = 0;
      double standaloneMaintenance = 0;
      double[] shares = new double[candidate.legs().length];
      double[] maintenanceShares = new double[candidate.legs().length];
      List<StrategyLeg> strategyLegs = new ArrayList<>();
      for (int k = 0; k < candidate.legs().length; k++) {
        PricedLeg leg = legs.get(candidate.legs()[k]);
        Requirement unit = leg.unitStandard();
        // Shares in the strategy's currency, in proportion to each leg's standalone USD margin.
        shares[k] = unit.initial() * leg.usdPerUnit;
        maintenanceShares[k] = unit.maintenance() * leg.usdPerUnit;
        standaloneInitial += shares[k] * q;
        standaloneMaintenance += maintenanceShares[k] * q;
        strategyLegs.add(new StrategyLeg(leg.name, candidate.signs()[k] * q));
        remaining[candidate.legs()[k]] -= q;
        ids.get(candidate.legs()[k]).add(id);
      }
      allocate(legs, candidate, shares, charge.initial() * candidate.usdPerUnit(), allocatedInitial);
      allocate(legs, candidate, maintenanceShares, charge.maintenance() * candidate.usdPerUnit(),
          allocatedMaintenance);
      strategies.add(new RecognizedStrategy(id, candidate.kind(), underlying, candidate.currency(), strategyLegs, q,
          charge, new Requirement(standaloneInitial / candidate.usdPerUnit(),
              standaloneMaintenance / candidate.usdPerUnit()), candidate.usdPerUnit(), candidate.description()));
    }
    List<LegMargin> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PricedLeg leg = legs.get(i);
      Requirement naked = leg.standard(Math.max(remaining[i], 0));
      Requirement charged = new Requirement(naked.initial() + allocatedInitial[i],
          naked.maintenance() + allocatedMaintenance[i]);
      out.add(new LegMargin(leg.name, leg.underlying(), leg.instrument.settlementCurrency(), leg.instrument.kind(),
          leg.quantity, leg.standard(Math.abs(leg.quantity)), charged, leg.usdPerUnit, ids.get(i)));
    }
    return new Outcome(out, strategies, complete, greedyKept);
  }

  /** Splits a USD amount over a strategy's legs by their shares; each leg gets it in its own currency. */
  private static void allocate(List<PricedLeg> legs, Candidate candidate, double[] shares, double amountUsd,
      double[] into) {
    double total = 0;
    for (double s : shares) {
      total += s;
    }
    for (int k = 0; k < shares.length; k++) {
      double fraction = total > 0 ? shares[k] / total : 1.0 / shares.length;
      PricedLeg leg = legs.get(candidate.legs()[k]);
      into[candidate.legs()[k]] += amountUsd * fraction / leg.usdPerUnit;
    }
  }

}
