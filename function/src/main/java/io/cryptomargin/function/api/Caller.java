package io.cryptomargin.function.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Collection;
import java.util.Optional;

/**
 * Who sent a request: the principal the HTTP API's IAM authorizer verified
 * ({@code requestContext.authorizer.iam.userArn}), or nobody when the request carries no identity.
 *
 * @param principal the caller's ARN, e.g. {@code arn:aws:sts::123456789012:assumed-role/risk-desk/alice}
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
   * Whether one of these principals is the caller: the same ARN, or the role ARN of an assumed-role
   * session ({@code arn:aws:sts::123456789012:assumed-role/risk-desk} names every session of that role).
   */
  public boolean isOneOf(Collection<String> principals) {
    return principal.isPresent() && principals.stream().anyMatch(p -> matches(p.trim(), principal.get()));
  }

  private static boolean matches(String owner, String arn) {
    return !owner.isEmpty() && (arn.equals(owner) || owner.contains(":assumed-role/") && arn.startsWith(owner + "/")
        && arn.indexOf('/', owner.length() + 1) < 0);
  }
}
