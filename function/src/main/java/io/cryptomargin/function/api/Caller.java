package io.cryptomargin.function.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Collection;
import java.util.Optional;

/**
 * Who sent a request: the principal the HTTP API's IAM authorizer verified ({@code
 * requestContext.authorizer.iam.userArn}), or nobody when the request carries no identity.
 *
 * @param principal the caller's ARN, e.g. {@code
 *     arn:aws:sts::123456789012:assumed-role/risk-desk/alice}
 */
public record Caller(Optional<String> principal) {

  /** The caller of an HTTP API request. */
  public static Caller of(APIGatewayV2HTTPEvent event) {
    var context = event == null ? null : event.getRequestContext();
    var authorizer = context == null ? null : context.getAuthorizer();
    var iam = authorizer == null ? null : authorizer.getIam();
    String arn = iam == null ? null : iam.getUserArn();
    return new Caller(Optional.ofNullable(arn).filter(a -> !a.isBlank()));
  }

  /**
   * Whether one of these principals is the caller: the same ARN, or a role that names every session
   * of it, written either as the session ARN without its session name ({@code
   * arn:aws:sts::123456789012:assumed-role/risk-desk}) or as the IAM role ARN ({@code
   * arn:aws:iam::123456789012:role/risk-desk}, as the deployment passes its admin role; a role's
   * path is not part of its sessions' ARNs).
   */
  public boolean isOneOf(Collection<String> principals) {
    return principal.isPresent()
        && principals.stream()
            .map(String::trim)
            .anyMatch(
                p -> matches(p, principal.get()) || matches(asSessionPrefix(p), principal.get()));
  }

  private static boolean matches(String owner, String arn) {
    return !owner.isEmpty()
        && (arn.equals(owner)
            || owner.contains(":assumed-role/")
                && arn.startsWith(owner + "/")
                && arn.indexOf('/', owner.length() + 1) < 0);
  }

  /**
   * {@code arn:P:iam::A:role/[path/]NAME} becomes {@code arn:P:sts::A:assumed-role/NAME}; any other
   * ARN stays.
   */
  private static String asSessionPrefix(String principal) {
    String[] parts = principal.split(":", 6);
    if (parts.length != 6
        || !parts[0].equals("arn")
        || !parts[2].equals("iam")
        || !parts[5].startsWith("role/")) {
      return principal;
    }
    String roleName = parts[5].substring(parts[5].lastIndexOf('/') + 1);
    return roleName.isEmpty()
        ? principal
        : "arn:" + parts[1] + ":sts::" + parts[4] + ":assumed-role/" + roleName;
  }
}
