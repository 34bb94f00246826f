package io.cryptomargin.function.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The detail of a {@code Margin Call} or {@code Liquidation} event (source {@value #SOURCE}): an
 * account whose status worsened.
 *
 * @param account the account
 * @param status MARGIN_CALL or LIQUIDATION
 * @param previousStatus the status of the result it replaced (HEALTHY when there was none)
 * @param initialMargin USD
 * @param maintenanceMargin USD
 * @param equity USD
 * @param shortfall initial margin minus equity, USD (what to add to be healthy again)
 * @param model the margin model
 * @param snapshotId the market snapshot
 * @param version the account's position version the result was computed from
 * @param computedAt ISO instant
 */
@RegisterForReflection
public record MarginEvent(
    String account,
    String status,
    String previousStatus,
    double initialMargin,
    double maintenanceMargin,
    double equity,
    double shortfall,
    String model,
    String snapshotId,
    long version,
    String computedAt) {
  public static final String SOURCE = "io.cryptomargin.margin";
  public static final String MARGIN_CALL = "Margin Call";
  public static final String LIQUIDATION = "Liquidation";

  /** The EventBridge detail-type of a status, or null when the status raises no event. */
  public static String detailTypeOf(String status) {
    return switch (status) {
      case "MARGIN_CALL" -> MARGIN_CALL;
      case "LIQUIDATION" -> LIQUIDATION;
      default -> null;
    };
  }
}
