package io.cryptomargin.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects every IAM policy statement of a template, wherever CloudFormation allows one, and judges
 * statements for wildcards. Kept apart from the tests so a test can feed it a bad statement and see
 * it caught.
 */
final class PolicyStatements {

  /** CloudFormation types whose PolicyDocument is an identity policy. */
  static final Set<String> IDENTITY_POLICY_TYPES =
      Set.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy");

  /** Resource policies: their Allow statements must be as narrow as identity policies. */
  static final Set<String> RESOURCE_POLICY_TYPES =
      Set.of(
          "AWS::SQS::QueuePolicy",
          "AWS::S3::BucketPolicy",
          "AWS::SNS::TopicPolicy",
          "AWS::Events::EventBusPolicy");

  /**
   * X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions (the
   * Service Authorization Reference lists no resource type for them), so "*" is the only resource
   * IAM accepts; Lambda adds exactly this statement when active tracing is on. This is the one
   * exception to "no wildcard resource", and it applies only to a statement that grants nothing
   * else.
   */
  static final Set<String> XRAY_ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS =
      Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords");

  private PolicyStatements() {}

  /**
   * A statement and where it came from.
   *
   * @param owner logical id of the resource holding it
   * @param statement the statement as CloudFormation has it
   */
  record Located(String owner, Map<String, Object> statement) {

    List<Object> actions() {
      return SynthesizedStack.asList(statement.get("Action"));
    }

    List<Object> resources() {
      return SynthesizedStack.asList(statement.get("Resource"));
    }

    boolean isAllow() {
      return "Allow".equals(statement.get("Effect"));
    }
  }

  /**
   * Every statement of identity policies: standalone policies, managed policies and roles' inline
   * policies.
   */
  static List<Located> identityStatements(SynthesizedStack synthesized) {
    List<Located> statements = new ArrayList<>();
    synthesized
        .resources()
        .forEach(
            (id, resource) -> {
              Object type = resource.get("Type");
              Map<String, Object> properties = SynthesizedStack.properties(resource);
              if (IDENTITY_POLICY_TYPES.contains(type)) {
                addStatements(statements, id, properties.get("PolicyDocument"));
              }
              if ("AWS::IAM::Role".equals(type)
                  || "AWS::IAM::User".equals(type)
                  || "AWS::IAM::Group".equals(type)) {
                for (Object inline : SynthesizedStack.asList(properties.get("Policies"))) {
                  addStatements(statements, id, SynthesizedStack.path(inline, "PolicyDocument"));
                }
              }
            });
    return statements;
  }

  /** Every statement of resource policies (queue, bucket, topic and bus policies). */
  static List<Located> resourcePolicyStatements(SynthesizedStack synthesized) {
    List<Located> statements = new ArrayList<>();
    synthesized
        .resources()
        .forEach(
            (id, resource) -> {
              if (RESOURCE_POLICY_TYPES.contains(resource.get("Type"))) {
                addStatements(
                    statements, id, SynthesizedStack.properties(resource).get("PolicyDocument"));
              }
            });
    return statements;
  }

  @SuppressWarnings("unchecked")
  private static void addStatements(List<Located> into, String owner, Object document) {
    for (Object statement : SynthesizedStack.asList(SynthesizedStack.path(document, "Statement"))) {
      into.add(new Located(owner, (Map<String, Object>) statement));
    }
  }

  /**
   * Judges one statement.
   *
   * @return the reasons it is too wide; empty when it is acceptable
   */
  static List<String> wildcardViolations(Located located) {
    List<String> violations = new ArrayList<>();
    Map<String, Object> statement = located.statement();
    if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
      violations.add(located.owner() + ": NotAction/NotResource grants everything not listed");
    }
    for (Object action : located.actions()) {
      if (!(action instanceof String name) || name.contains("*")) {
        violations.add(located.owner() + ": wildcard action " + action);
      }
    }
    boolean wildcardResource =
        located.resources().stream().anyMatch(PolicyStatements::isWildcardResource);
    if (wildcardResource && !isXRayException(located)) {
      violations.add(located.owner() + ": wildcard resource in " + statement);
    }
    return violations;
  }

  /** "*" itself, or a literal ARN whose resource part is only a wildcard (arn:aws:s3:::*). */
  static boolean isWildcardResource(Object resource) {
    if (!(resource instanceof String arn)) {
      return false;
    }
    if (arn.equals("*")) {
      return true;
    }
    String[] parts = arn.split(":", 6);
    return parts.length == 6
        && parts[0].equals("arn")
        && (parts[5].equals("*") || parts[5].isEmpty());
  }

  static boolean isXRayException(Located located) {
    return located.isAllow()
        && !located.actions().isEmpty()
        && XRAY_ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.containsAll(located.actions())
        && located.resources().equals(List.of("*"));
  }
}
