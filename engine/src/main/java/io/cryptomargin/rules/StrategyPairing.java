package io.cryptomargin.rules;

import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Future;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.instrument.Spot;
import io.cryptomargin.rules.RulesBasedMargin.PricedLeg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pairs one underlying's legs into strategies the way a broker would: the assignment with the
 * lowest initial margin (USD, mark-to-market basis), found by an iterative depth-first
 * branch-and-bound over the candidate strategies and the whole-contract quantities each can take,
 * so a strategy that looks best on its own cannot block a cheaper combination (greedy pairing can).
 *
 * <p>Bounded: at most {@link SearchLimits#maxCandidates()} candidates (the nearest strikes first),
 * at most {@link SearchLimits#nodeBudget()} nodes, at most {@link SearchLimits#timeBudgetMillis()}
 * of wall clock. The search starts from the cheaper of the legs charged alone and the greedy
 * pairing (largest saving first) and only ever replaces it by a strictly cheaper valid pairing, so
 * when it stops early the result is a real pairing, never above the legs alone, and the outcome
 * says so. No recursion (the depth is the candidate count) and no quantity arithmetic in {@code
 * long} (a book of 1e19 contracts is searched in doubles, its quantity choices a spread of at most
 * {@value #MAX_QUANTITY_CHOICES} values).
 *
 * <p>Scale: quantities are whole multiples of a lot, the largest whole number of contracts dividing
 * every leg's quantity (1 for 3, 7 and 11 contracts; 10 for 10, 20 and 30), so a book of q times
 * the same strategies is searched like the book of one and costs q times as much.
 *
 * <p>Lower bound: each leg's remaining contracts times the cheapest a contract of it can cost,
 * naked or as its share (charge divided by the candidate's contracts per unit) of any candidate
 * still to be decided.
 *
 * <p>Deterministic: legs are sorted by name and candidates by saving, kind and leg names;
 * quantities are tried largest first and a pairing replaces the best only when strictly cheaper, so
 * the same book in any order gives the same pairing (unless the time budget, a safety net, stops
 * it).
 */
final class StrategyPairing {
  /** Quantity values tried per candidate beyond which only a spread of them is tried. */
  static final int MAX_QUANTITY_CHOICES = 24;

  private static final double QUANTITY_EPSILON = 1e-9;
  private static final double COST_EPSILON = 1e-9;

  /** Quantities above this (2^53) are no longer whole numbers in a double: the lot is then 1. */
  private static final double EXACT_INTEGER_LIMIT = 9.007199254740992e15;

  private static final int TIME_CHECK_INTERVAL = 256;

  private StrategyPairing() {}

  /**
   * The legs' margins, the strategies chosen, and how the search ended (with a note when not
   * exact).
   */
  record Outcome(
      List<LegMargin> legs,
      List<RecognizedStrategy> strategies,
      PairingStatus status,
      String note) {}

  /**
   * A candidate strategy per unit: {@code ratios[k]} contracts of leg {@code legs[k]} per contract
   * of the first leg, so every leg holds the same coins. {@code unitCharge} is per unit, in the
   * first leg's settlement currency.
   */
  private record Candidate(
      StrategyKind kind,
      int[] legs,
      double[] ratios,
      double[] signs,
      Requirement unitCharge,
      String currency,
      double usdPerUnit,
      String description,
      double unitCostUsd,
      double savingUsd,
      double nearness) {}

  static Outcome solve(String underlying, List<PricedLeg> unsorted, RulesParameters parameters) {
    List<PricedLeg> legs = new ArrayList<>(unsorted);
    legs.sort(Comparator.comparing(l -> l.name));
    if (parameters.recognizedStrategies().isEmpty()) {
      return assemble(underlying, legs, List.of(), new double[0], PairingStatus.EXACT, null);
    }
    long deadline = System.nanoTime() + parameters.search().timeBudgetMillis() * 1_000_000L;
    Generator generator = new Generator(legs, parameters, parameters.search().maxCandidates());
    generator.generate();
    List<Candidate> candidates = generator.out;
    candidates.sort(
        Comparator.comparingDouble((Candidate c) -> -c.savingUsd())
            .thenComparing(Candidate::kind)
            .thenComparing(c -> key(legs, c)));
    Search search =
        new Search(legs, candidates, parameters.search().nodeBudget(), deadline, lot(legs));
    search.run();
    PairingStatus status =
        generator.capped
            ? PairingStatus.CANDIDATES_CAPPED
            : search.timedOut
                ? PairingStatus.STOPPED_AT_TIME_BUDGET
                : search.outOfNodes ? PairingStatus.STOPPED_AT_NODE_BUDGET : PairingStatus.EXACT;
    String note = status.exact() ? null : note(underlying, status, parameters.search(), search);
    return assemble(underlying, legs, candidates, search.bestQuantities, status, note);
  }

  private static String note(
      String underlying, PairingStatus status, SearchLimits limits, Search search) {
    String why =
        switch (status) {
          case CANDIDATES_CAPPED ->
              "had more than "
                  + limits.maxCandidates()
                  + " candidate strategies: only the "
                  + "nearest strikes were considered"
                  + (search.outOfNodes || search.timedOut
                      ? ", and the search stopped " + "after " + search.nodes + " nodes"
                      : "");
          case STOPPED_AT_TIME_BUDGET ->
              "stopped after " + limits.timeBudgetMillis() + " ms (" + search.nodes + " nodes)";
          case STOPPED_AT_NODE_BUDGET ->
              "stopped after "
                  + limits.nodeBudget()
                  + (limits.nodeBudget() == 1 ? " node" : " nodes");
          case EXACT -> "finished";
        };
    return "the strategy search for "
        + underlying
        + " "
        + why
        + ": the cheapest pairing found is kept ("
        + (search.startKept
            ? "the " + search.startName + ", nothing cheaper was found"
            : "cheaper than the " + search.startName)
        + "); it may not be the cheapest there is, and it is never above the legs charged alone";
  }

  // ---------------------------------------------------------------- candidates

  /** Builds candidates, nearest strikes first, up to the cap. */
  private static final class Generator {
    final List<PricedLeg> legs;
    final RulesParameters p;
    final int cap;
    final List<Candidate> out = new ArrayList<>();
    boolean capped;

    Generator(List<PricedLeg> legs, RulesParameters p, int cap) {
      this.legs = legs;
      this.p = p;
      this.cap = cap;
    }

    void generate() {
      // Partner lists per short option, each sorted by nearness; then taken round-robin by rank, so
      // under the cap
      // every short option gets its nearest partners before any gets its far ones.
      int n = legs.size();
      List<List<Candidate>> perShort = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        PricedLeg shortLeg = legs.get(s);
        if (!(shortLeg.instrument instanceof EuropeanOption so) || shortLeg.quantity >= 0) {
          continue;
        }
        List<Candidate> partners = new ArrayList<>();
        for (int l = 0; l < n; l++) {
          if (l != s) {
            pair(s, so, l, partners);
          }
        }
        partners.sort(
            Comparator.comparingDouble(Candidate::nearness).thenComparing(c -> key(legs, c)));
        perShort.add(partners);
      }
      List<Candidate> verticals = new ArrayList<>();
      for (int rank = 0; ; rank++) {
        boolean any = false;
        for (List<Candidate> partners : perShort) {
          if (rank < partners.size()) {
            any = true;
            Candidate c = partners.get(rank);
            if (!add(c)) {
              return;
            }
            if (c.kind() == StrategyKind.VERTICAL_SPREAD) {
              verticals.add(c);
            }
          }
        }
        if (!any) {
          break;
        }
      }
      if (p.recognizes(StrategyKind.IRON_CONDOR)) {
        condors(verticals);
      }
    }

    /** Adds a candidate that saves something; false once the cap is reached. */
    private boolean add(Candidate c) {
      if (c.savingUsd() <= COST_EPSILON * (1 + c.unitCostUsd())) {
        return true;
      }
      if (out.size() >= cap) {
        capped = true;
        return false;
      }
      out.add(c);
      return true;
    }

    private void pair(int s, EuropeanOption so, int l, List<Candidate> partners) {
      PricedLeg shortLeg = legs.get(s);
      PricedLeg other = legs.get(l);
      boolean sameBook = other.instrument.settlementCurrency().equals(so.settlementCurrency());
      if (other.instrument instanceof EuropeanOption o && sameBook) {
        if (other.quantity > 0 && o.putCall() == so.putCall()) {
          if (p.recognizes(StrategyKind.VERTICAL_SPREAD)
              && o.expiryTime().equals(so.expiryTime())
              && o.strike() != so.strike()) {
            partners.add(vertical(s, l));
          }
          if (p.recognizes(StrategyKind.CALENDAR)
              && o.expiryTime().isAfter(so.expiryTime())
              && o.strike() == so.strike()) {
            double ratio = ratio(s, l);
            double debit = Math.max(other.mark * ratio - shortLeg.mark, 0.0);
            partners.add(
                candidate(
                    StrategyKind.CALENDAR,
                    new int[] {s, l},
                    new double[] {1, ratio},
                    new double[] {-1, 1},
                    new Requirement(debit, debit),
                    "long calendar: the net mark, " + money(debit, so),
                    0));
          }
        }
        if (other.quantity < 0
            && so.putCall() == PutCall.CALL
            && o.putCall() == PutCall.PUT
            && p.recognizes(StrategyKind.STRADDLE)
            && o.expiryTime().equals(so.expiryTime())
            && o.strike() <= so.strike()) {
          double ratio = ratio(s, l);
          Requirement call = shortLeg.unitStandard();
          Requirement put = other.unitStandard().times(ratio);
          double larger = Math.max(call.initial(), put.initial());
          partners.add(
              candidate(
                  StrategyKind.STRADDLE,
                  new int[] {s, l},
                  new double[] {1, ratio},
                  new double[] {-1, -1},
                  new Requirement(larger, larger),
                  (o.strike() == so.strike() ? "short straddle" : "short strangle")
                      + ": the larger leg's requirement",
                  so.strike() - o.strike()));
        }
      }
      if (p.recognizes(StrategyKind.COVERED) && covers(so, other)) {
        double ratio = ratio(s, l);
        Requirement cover = other.unitStandard().times(ratio);
        partners.add(
            candidate(
                StrategyKind.COVERED,
                new int[] {s, l},
                new double[] {1, ratio},
                new double[] {-1, Math.signum(other.quantity)},
                cover,
                "covered "
                    + (so.putCall() == PutCall.CALL ? "call" : "put")
                    + ": nothing for the option, the cover ("
                    + other.name
                    + ") keeps its own requirement",
                0));
      }
    }

    /** Contracts of leg {@code l} holding the coins of one contract of leg {@code s}. */
    private double ratio(int s, int l) {
      return legs.get(s).instrument.contractSize() / legs.get(l).instrument.contractSize();
    }

    /**
     * A held coin (spot or collateral) or a long future of the option's expiry covers a short call;
     * a short future of the option's expiry covers a short put. Futures in the option's settlement
     * currency.
     */
    private static boolean covers(EuropeanOption option, PricedLeg cover) {
      if (cover.instrument instanceof Spot) {
        return option.putCall() == PutCall.CALL && cover.quantity > 0;
      }
      if (!(cover.instrument instanceof Future f)
          || !f.expiryTime().equals(option.expiryTime())
          || !f.settlementCurrency().equals(option.settlementCurrency())) {
        return false;
      }
      return option.putCall() == PutCall.CALL ? cover.quantity > 0 : cover.quantity < 0;
    }

    private Candidate vertical(int s, int l) {
      PricedLeg shortLeg = legs.get(s);
      PricedLeg longLeg = legs.get(l);
      EuropeanOption so = (EuropeanOption) shortLeg.instrument;
      EuropeanOption lo = (EuropeanOption) longLeg.instrument;
      double ratio = ratio(s, l);
      double width =
          so.putCall() == PutCall.CALL ? lo.strike() - so.strike() : so.strike() - lo.strike();
      double credit = shortLeg.mark - longLeg.mark * ratio;
      if (width > 0) {
        double charge = Math.max(inUnitsOf(width, so, shortLeg.price) - credit, 0.0);
        return candidate(
            StrategyKind.VERTICAL_SPREAD,
            new int[] {s, l},
            new double[] {1, ratio},
            new double[] {-1, 1},
            new Requirement(charge, charge),
            "credit spread: the strike width "
                + number(width)
                + " USD"
                + inverseNote(so)
                + " less the net credit",
            width);
      }
      double debit = Math.max(-credit, 0.0);
      return candidate(
          StrategyKind.VERTICAL_SPREAD,
          new int[] {s, l},
          new double[] {1, ratio},
          new double[] {-1, 1},
          new Requirement(debit, debit),
          "debit spread: the net mark",
          -width);
    }

    /**
     * Iron condors from a credit call spread and a credit put spread of one expiry, put strikes at
     * or below.
     */
    private void condors(List<Candidate> verticals) {
      List<Candidate> calls = new ArrayList<>();
      List<Candidate> puts = new ArrayList<>();
      for (Candidate v : verticals) {
        EuropeanOption so = (EuropeanOption) legs.get(v.legs()[0]).instrument;
        EuropeanOption lo = (EuropeanOption) legs.get(v.legs()[1]).instrument;
        boolean credit =
            so.putCall() == PutCall.CALL ? lo.strike() > so.strike() : lo.strike() < so.strike();
        if (credit) {
          (so.putCall() == PutCall.CALL ? calls : puts).add(v);
        }
      }
      for (Candidate call : calls) {
        for (Candidate put : puts) {
          if (!condor(call, put)) {
            return;
          }
        }
      }
    }

    private boolean condor(Candidate callSpread, Candidate putSpread) {
      int sc = callSpread.legs()[0];
      int lc = callSpread.legs()[1];
      int sp = putSpread.legs()[0];
      int lp = putSpread.legs()[1];
      EuropeanOption shortCall = (EuropeanOption) legs.get(sc).instrument;
      EuropeanOption longCall = (EuropeanOption) legs.get(lc).instrument;
      EuropeanOption shortPut = (EuropeanOption) legs.get(sp).instrument;
      EuropeanOption longPut = (EuropeanOption) legs.get(lp).instrument;
      if (!shortPut.expiryTime().equals(shortCall.expiryTime())
          || !shortPut.settlementCurrency().equals(shortCall.settlementCurrency())
          || shortPut.strike() > shortCall.strike()) {
        return true;
      }
      double putRatio = ratio(sc, sp);
      double[] ratios = {1, ratio(sc, lc), putRatio, putRatio * putSpread.ratios()[1]};
      int[] members = {sc, lc, sp, lp};
      double credit = 0;
      for (int k = 0; k < 4; k++) {
        credit += (k % 2 == 0 ? 1 : -1) * legs.get(members[k]).mark * ratios[k];
      }
      double width =
          Math.max(longCall.strike() - shortCall.strike(), shortPut.strike() - longPut.strike());
      double charge = Math.max(inUnitsOf(width, shortCall, legs.get(sc).price) - credit, 0.0);
      return add(
          candidate(
              StrategyKind.IRON_CONDOR,
              members,
              ratios,
              new double[] {-1, 1, -1, 1},
              new Requirement(charge, charge),
              "iron condor: the wider strike width "
                  + number(width)
                  + " USD"
                  + inverseNote(shortCall)
                  + " less the net credit",
              width));
    }

    private Candidate candidate(
        StrategyKind kind,
        int[] members,
        double[] ratios,
        double[] signs,
        Requirement charge,
        String description,
        double nearness) {
      PricedLeg first = legs.get(members[0]);
      double standaloneUsd = 0;
      double standaloneMaintenanceUsd = 0;
      for (int k = 0; k < members.length; k++) {
        PricedLeg leg = legs.get(members[k]);
        standaloneUsd += leg.unitStandard().initial() * ratios[k] * leg.usdPerUnit;
        standaloneMaintenanceUsd += leg.unitStandard().maintenance() * ratios[k] * leg.usdPerUnit;
      }
      double costUsd = charge.initial() * first.usdPerUnit;
      // A strategy's MM is its IM, but never above what its legs alone would need for maintenance.
      Requirement capped =
          new Requirement(
              charge.initial(),
              Math.min(charge.maintenance(), standaloneMaintenanceUsd / first.usdPerUnit));
      return new Candidate(
          kind,
          members,
          ratios,
          signs,
          capped,
          first.instrument.settlementCurrency(),
          first.usdPerUnit,
          description,
          costUsd,
          standaloneUsd - costUsd,
          nearness);
    }
  }

  /**
   * A USD amount per coin in the option's settlement currency per contract: USD for linear, coin (÷
   * U) for inverse.
   */
  private static double inUnitsOf(double usd, EuropeanOption option, double underlyingPrice) {
    double perCoin = option.settlement() == Settlement.LINEAR ? usd : usd / underlyingPrice;
    return perCoin * option.contractSize();
  }

  private static String inverseNote(EuropeanOption option) {
    return option.settlement() == Settlement.INVERSE ? ", in coin at U" : "";
  }

  private static String money(double amount, EuropeanOption option) {
    return String.format(java.util.Locale.ROOT, "%.6g %s", amount, option.settlementCurrency());
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String key(List<PricedLeg> legs, Candidate c) {
    StringBuilder sb = new StringBuilder();
    for (int m : c.legs()) {
      sb.append(legs.get(m).name).append('|');
    }
    return sb.toString();
  }

  /**
   * The largest whole number of contracts dividing every leg's quantity; 1 when a quantity is not a
   * whole number or too large to be one exactly in a double (then strategies take whole contracts).
   */
  static double lot(List<PricedLeg> legs) {
    long gcd = 0;
    for (PricedLeg leg : legs) {
      double q = Math.abs(leg.quantity);
      if (q != Math.rint(q) || q > EXACT_INTEGER_LIMIT) {
        return 1.0;
      }
      gcd = gcd(gcd, (long) q);
    }
    return gcd > 0 ? gcd : 1.0;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * Strategy quantities to try for a candidate whose legs allow {@code max} units, largest first:
   * every whole lot from the largest down to 0, or a spread of {@value #MAX_QUANTITY_CHOICES} of
   * them when there are more. All arithmetic in doubles.
   */
  static double[] choices(double max, double lot) {
    double lots = Math.floor(max / lot + QUANTITY_EPSILON);
    if (!(lots >= 1)) {
      return new double[] {0.0};
    }
    if (lots < MAX_QUANTITY_CHOICES) {
      double[] out = new double[(int) lots + 1];
      for (int i = 0; i <= (int) lots; i++) {
        out[i] = (lots - i) * lot;
      }
      return out;
    }
    double[] out = new double[MAX_QUANTITY_CHOICES + 1];
    for (int i = 0; i <= MAX_QUANTITY_CHOICES; i++) {
      out[i] = Math.floor(lots * (MAX_QUANTITY_CHOICES - i) / MAX_QUANTITY_CHOICES) * lot;
    }
    return Arrays.stream(out).distinct().toArray();
  }

  // ---------------------------------------------------------------- search

  private static final class Search {
    final List<PricedLeg> legs;
    final List<Candidate> candidates;
    final long budget;
    final long deadline;
    final double lot;
    final double[] remaining;
    final double[] nakedFloorUsd;

    /**
     * Per leg: the indices of the candidates using it, ascending, and the suffix minimum of their
     * share per contract.
     */
    final int[][] usedBy;

    final double[][] suffixShareUsd;
    double[] bestQuantities;
    double bestCost;
    String startName;
    boolean startKept = true;
    long nodes;
    long steps;
    boolean outOfNodes;
    boolean timedOut;

    Search(
        List<PricedLeg> legs, List<Candidate> candidates, long budget, long deadline, double lot) {
      this.legs = legs;
      this.candidates = candidates;
      this.budget = budget;
      this.deadline = deadline;
      this.lot = lot;
      int n = legs.size();
      remaining = new double[n];
      nakedFloorUsd = new double[n];
      for (int i = 0; i < n; i++) {
        remaining[i] = Math.abs(legs.get(i).quantity);
        nakedFloorUsd[i] = legs.get(i).nakedFloorPerContractUsd();
      }
      int[] counts = new int[n];
      for (Candidate c : candidates) {
        for (int m : c.legs()) {
          counts[m]++;
        }
      }
      usedBy = new int[n][];
      suffixShareUsd = new double[n][];
      for (int i = 0; i < n; i++) {
        usedBy[i] = new int[counts[i]];
        suffixShareUsd[i] = new double[counts[i] + 1];
        counts[i] = 0;
      }
      for (int c = 0; c < candidates.size(); c++) {
        Candidate candidate = candidates.get(c);
        double contracts = 0;
        for (double r : candidate.ratios()) {
          contracts += r;
        }
        for (int m : candidate.legs()) {
          usedBy[m][counts[m]] = c;
          suffixShareUsd[m][counts[m]] = candidate.unitCostUsd() / contracts;
          counts[m]++;
        }
      }
      for (int i = 0; i < n; i++) {
        double[] s = suffixShareUsd[i];
        s[s.length - 1] = Double.POSITIVE_INFINITY;
        for (int k = s.length - 2; k >= 0; k--) {
          s[k] = Math.min(s[k], s[k + 1]);
        }
      }
      start();
    }

    /**
     * The starting pairing: the cheaper of the legs alone and the greedy pairing (largest saving
     * first).
     */
    private void start() {
      bestQuantities = new double[candidates.size()];
      bestCost = nakedCost();
      startName = "legs charged alone";
      double[] chosen = new double[candidates.size()];
      double strategyCost = 0;
      for (int c = 0;
          c < candidates.size();
          c++) { // candidates are sorted by saving, largest first
        double q = choices(maxUnits(c), lot)[0];
        if (q > 0) {
          take(c, q);
          chosen[c] = q;
          strategyCost += q * candidates.get(c).unitCostUsd();
        }
      }
      double greedy = strategyCost + nakedCost();
      if (greedy < bestCost - tolerance()) {
        bestCost = greedy;
        bestQuantities = chosen;
        startName = "greedy pairing";
      }
      for (int c = 0; c < chosen.length; c++) {
        take(c, -chosen[c]);
      }
    }

    void run() {
      int m = candidates.size();
      double[] cost = new double[m + 1];
      double[] quantities = new double[m];
      double[][] choice = new double[m][];
      int[] next = new int[m];
      int d = 0;
      boolean descending = true;
      while (true) {
        if (descending) {
          if (timeUp()) {
            return;
          }
          if (d == m || cost[d] + lowerBound(d) >= bestCost - tolerance()) {
            if (d == m) {
              leaf(cost[d], quantities);
            }
            descending = false;
            continue;
          }
          choice[d] = choices(maxUnits(d), lot);
          next[d] = 0;
          // Only a real choice counts against the budget: a candidate whose legs are used up passes
          // through.
          if (choice[d].length > 1 && ++nodes > budget) {
            outOfNodes = true;
            return;
          }
        } else {
          d--;
          if (d < 0) {
            return;
          }
          take(d, -quantities[d]);
          quantities[d] = 0;
          next[d]++;
        }
        if (next[d] < choice[d].length) {
          double q = choice[d][next[d]];
          take(d, q);
          quantities[d] = q;
          cost[d + 1] = cost[d] + q * candidates.get(d).unitCostUsd();
          d++;
          descending = true;
        } else {
          descending = false;
        }
      }
    }

    private boolean timeUp() {
      if (++steps % TIME_CHECK_INTERVAL == 0 && System.nanoTime() - deadline > 0) {
        timedOut = true;
        return true;
      }
      return false;
    }

    private void leaf(double strategyCost, double[] quantities) {
      double total = strategyCost + nakedCost();
      if (total < bestCost - tolerance()) {
        bestCost = total;
        bestQuantities = quantities.clone();
        startKept = false;
      }
    }

    private double maxUnits(int c) {
      Candidate candidate = candidates.get(c);
      double max = Double.POSITIVE_INFINITY;
      for (int k = 0; k < candidate.legs().length; k++) {
        max = Math.min(max, remaining[candidate.legs()[k]] / candidate.ratios()[k]);
      }
      return max;
    }

    private void take(int c, double q) {
      Candidate candidate = candidates.get(c);
      for (int k = 0; k < candidate.legs().length; k++) {
        int m = candidate.legs()[k];
        remaining[m] -= q * candidate.ratios()[k];
        if (Math.abs(remaining[m])
            <= QUANTITY_EPSILON * Math.max(1.0, Math.abs(legs.get(m).quantity))) {
          remaining[m] = 0;
        }
      }
    }

    /**
     * What the legs' remaining contracts cost at least, whatever the candidates from {@code c} on
     * take.
     */
    private double lowerBound(int c) {
      double total = 0;
      for (int i = 0; i < remaining.length; i++) {
        if (remaining[i] <= 0) {
          continue;
        }
        int k = Arrays.binarySearch(usedBy[i], c);
        int from = k >= 0 ? k : -k - 1;
        total += remaining[i] * Math.min(nakedFloorUsd[i], suffixShareUsd[i][from]);
      }
      return total;
    }

    private double nakedCost() {
      double total = 0;
      for (int i = 0; i < remaining.length; i++) {
        total += legs.get(i).standard(Math.max(remaining[i], 0)).initial() * legs.get(i).usdPerUnit;
      }
      return total;
    }

    private double tolerance() {
      return COST_EPSILON * (1 + Math.abs(bestCost));
    }
  }

  // ---------------------------------------------------------------- result

  private static Outcome assemble(
      String underlying,
      List<PricedLeg> legs,
      List<Candidate> candidates,
      double[] chosen,
      PairingStatus status,
      String note) {
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
      if (q <= 0) {
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
        int m = candidate.legs()[k];
        PricedLeg leg = legs.get(m);
        Requirement unit = leg.unitStandard().times(candidate.ratios()[k]);
        // Shares in proportion to each leg's standalone USD margin.
        shares[k] = unit.initial() * leg.usdPerUnit;
        maintenanceShares[k] = unit.maintenance() * leg.usdPerUnit;
        standaloneInitial += shares[k] * q;
        standaloneMaintenance += maintenanceShares[k] * q;
        strategyLegs.add(
            new StrategyLeg(leg.name, candidate.signs()[k] * q * candidate.ratios()[k]));
        remaining[m] -= q * candidate.ratios()[k];
        ids.get(m).add(id);
      }
      allocate(
          legs, candidate, shares, charge.initial() * candidate.usdPerUnit(), allocatedInitial);
      allocate(
          legs,
          candidate,
          maintenanceShares,
          charge.maintenance() * candidate.usdPerUnit(),
          allocatedMaintenance);
      strategies.add(
          new RecognizedStrategy(
              id,
              candidate.kind(),
              underlying,
              candidate.currency(),
              strategyLegs,
              q,
              charge,
              new Requirement(
                  standaloneInitial / candidate.usdPerUnit(),
                  standaloneMaintenance / candidate.usdPerUnit()),
              candidate.usdPerUnit(),
              candidate.description()));
    }
    List<LegMargin> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PricedLeg leg = legs.get(i);
      double left =
          remaining[i] <= QUANTITY_EPSILON * Math.max(1.0, Math.abs(leg.quantity))
              ? 0
              : remaining[i];
      Requirement naked = leg.standard(left);
      Requirement charged =
          new Requirement(
              naked.initial() + allocatedInitial[i], naked.maintenance() + allocatedMaintenance[i]);
      double contracts = Math.abs(leg.quantity);
      out.add(
          new LegMargin(
              leg.name,
              leg.underlying(),
              leg.instrument.settlementCurrency(),
              leg.instrument.kind(),
              leg.quantity,
              leg.instrument.contractSize(),
              leg.mark,
              leg.venue(contracts),
              leg.standard(contracts),
              charged,
              leg.usdPerUnit,
              ids.get(i)));
    }
    return new Outcome(out, strategies, status, note);
  }

  /**
   * Splits a USD amount over a strategy's legs by their shares; each leg gets it in its own
   * currency.
   */
  private static void allocate(
      List<PricedLeg> legs, Candidate candidate, double[] shares, double amountUsd, double[] into) {
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
