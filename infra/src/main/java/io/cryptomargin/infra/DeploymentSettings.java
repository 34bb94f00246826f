package io.cryptomargin.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The inputs of one synthesis: which stage, which build of the function, which artifact.
 *
 * @param stage the stage's configuration
 * @param packaging JVM or native build of the function
 * @param artifact the function zip (or its placeholder)
 * @param alarmTopicArn an existing SNS topic the alarms notify, when operations gave one
 * @param apiAdminPrincipals IAM or STS principal ARNs the API treats as admins, besides the stack's
 *     own admin role (e.g. an SSO permission set's role of the operations team)
 */
public record DeploymentSettings(
    StageConfig stage,
    FunctionPackaging packaging,
    FunctionArtifact artifact,
    Optional<String> alarmTopicArn,
    List<String> apiAdminPrincipals) {

  // arn:<partition>:iam::<account>:<user|role|...>/... or
  // arn:<partition>:sts::<account>:assumed-role/...
  private static final Pattern PRINCIPAL_ARN =
      Pattern.compile("arn:aws[a-z-]*:(iam|sts)::\\d{12}:[A-Za-z-]+/\\S+");

  /**
   * Validates that every part is present and that every admin principal is an IAM or STS ARN.
   *
   * @throws IllegalArgumentException naming every admin principal that is not one
   */
  public DeploymentSettings {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(packaging, "packaging");
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(alarmTopicArn, "alarmTopicArn");
    apiAdminPrincipals = List.copyOf(apiAdminPrincipals);
    List<String> invalid = new ArrayList<>();
    for (String principal : apiAdminPrincipals) {
      if (!PRINCIPAL_ARN.matcher(principal).matches()) {
        invalid.add("'" + principal + "'");
      }
    }
    if (!invalid.isEmpty()) {
      throw new IllegalArgumentException(
          "apiAdminPrincipals: not an IAM or STS principal ARN"
              + " (arn:aws:iam::<12-digit account>:role/<name>): "
              + String.join(", ", invalid));
    }
  }

  /**
   * Settings without extra API admins.
   *
   * @param stage the stage's configuration
   * @param packaging JVM or native build
   * @param artifact the function zip
   * @param alarmTopicArn the SNS topic the alarms notify, if any
   */
  public DeploymentSettings(
      StageConfig stage,
      FunctionPackaging packaging,
      FunctionArtifact artifact,
      Optional<String> alarmTopicArn) {
    this(stage, packaging, artifact, alarmTopicArn, List.of());
  }

  /**
   * Settings without an alarm topic.
   *
   * @param stage the stage's configuration
   * @param packaging JVM or native build
   * @param artifact the function zip
   * @return the settings
   */
  public static DeploymentSettings of(
      StageConfig stage, FunctionPackaging packaging, FunctionArtifact artifact) {
    return new DeploymentSettings(stage, packaging, artifact, Optional.empty());
  }
}
