package io.cryptomargin.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * A stack synthesised once per variant and shared by the tests (each synthesis starts Node work and
 * takes seconds), with helpers to read its template as plain maps and lists.
 *
 * @param stack the construct tree, to look up logical ids of specific resources
 * @param template CDK's assertion view of the template
 * @param json the template as maps and lists
 */
record SynthesizedStack(CryptomarginStack stack, Template template, Map<String, Object> json) {

  private static final Map<String, SynthesizedStack> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, FunctionArtifact> ARTIFACT = new ConcurrentHashMap<>();

  static SynthesizedStack dev() {
    return CACHE.computeIfAbsent("dev", key -> synthesize(StageConfig.DEV, FunctionPackaging.JVM));
  }

  static SynthesizedStack prod() {
    return CACHE.computeIfAbsent(
        "prod", key -> synthesize(StageConfig.PROD, FunctionPackaging.JVM));
  }

  static SynthesizedStack nativeDev() {
    return CACHE.computeIfAbsent(
        "native", key -> synthesize(StageConfig.DEV, FunctionPackaging.NATIVE));
  }

  static List<SynthesizedStack> jvmStages() {
    return List.of(dev(), prod());
  }

  /**
   * The real artifact when the reactor built it; otherwise a placeholder under target/ (with a
   * notice), so this module's tests never depend on the function module.
   */
  static FunctionArtifact artifact() {
    return ARTIFACT.computeIfAbsent(
        "artifact",
        key ->
            FunctionArtifact.resolve(
                Path.of(
                    System.getProperty(
                        "cryptomargin.functionZip", "../function/target/function.zip")),
                Path.of(
                    System.getProperty(
                        "cryptomargin.placeholderDir", "target/placeholder-function"))));
  }

  private static SynthesizedStack synthesize(StageConfig stage, FunctionPackaging packaging) {
    App app = new App(AppProps.builder().build());
    CryptomarginStack stack =
        CryptomarginApp.createStack(
            app,
            DeploymentSettings.of(stage, packaging, artifact()),
            Environment.builder().build());
    Template template = Template.fromStack(stack);
    return new SynthesizedStack(stack, template, template.toJSON());
  }

  /**
   * Synthesises one construct on its own, in a bare stack, for the tests of a single part.
   *
   * @param build adds the construct under test (and whatever it needs) to the stack
   * @return the template of that stack
   */
  static Template standalone(java.util.function.Consumer<Stack> build) {
    Stack stack = new Stack(new App(AppProps.builder().build()), "part-under-test");
    build.accept(stack);
    return Template.fromStack(stack);
  }

  String stageName() {
    return stack.settings().stage().name();
  }

  /**
   * @return the logical id CloudFormation knows this construct's resource by
   */
  String logicalId(IConstruct construct) {
    return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
  }

  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> resources() {
    return (Map<String, Map<String, Object>>) (Map<?, ?>) json.get("Resources");
  }

  /**
   * @return logical id to resource, for every resource of this CloudFormation type
   */
  Map<String, Map<String, Object>> resourcesOfType(String type) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    resources()
        .forEach(
            (id, resource) -> {
              if (type.equals(resource.get("Type"))) {
                found.put(id, resource);
              }
            });
    return found;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    Object properties = resource.get("Properties");
    return properties == null ? Map.of() : (Map<String, Object>) properties;
  }

  /** Follows a path of map keys; null when any step is missing. */
  @SuppressWarnings("unchecked")
  static Object path(Object root, String... keys) {
    Object current = root;
    for (String key : keys) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(key);
    }
    return current;
  }

  /** A single value or a list, as IAM and CloudFormation allow both. */
  static List<Object> asList(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    return List.of(value);
  }

  /** Logical ids a CloudFormation value refers to, through Ref and Fn::GetAtt at any depth. */
  static java.util.Set<String> references(Object value) {
    java.util.Set<String> found = new java.util.TreeSet<>();
    collectReferences(value, found);
    return found;
  }

  private static void collectReferences(Object value, java.util.Set<String> into) {
    if (value instanceof Map<?, ?> map) {
      if (map.get("Ref") instanceof String ref) {
        into.add(ref);
      }
      if (map.containsKey("Fn::GetAtt")) {
        into.add(String.valueOf(asList(map.get("Fn::GetAtt")).get(0)));
      }
      map.values().forEach(nested -> collectReferences(nested, into));
    } else if (value instanceof List<?> list) {
      list.forEach(nested -> collectReferences(nested, into));
    }
  }

  /**
   * Renders a CloudFormation value naming a resource in a comparable form: a literal string stays
   * itself, {@code {"Ref": X}} becomes {@code X}, {@code {"Fn::GetAtt": [X, Arn]}} becomes {@code
   * X.Arn}, and {@code Fn::Join} concatenates its rendered parts.
   */
  @SuppressWarnings("unchecked")
  static String render(Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Map<?, ?> map) {
      if (map.containsKey("Ref")) {
        return String.valueOf(map.get("Ref"));
      }
      if (map.containsKey("Fn::GetAtt")) {
        List<Object> attribute = asList(map.get("Fn::GetAtt"));
        return attribute.get(0) + "." + attribute.get(1);
      }
      if (map.containsKey("Fn::Join")) {
        List<Object> join = (List<Object>) map.get("Fn::Join");
        StringBuilder joined = new StringBuilder();
        for (Object part : asList(join.get(1))) {
          if (joined.length() > 0) {
            joined.append(join.get(0));
          }
          joined.append(render(part));
        }
        return joined.toString();
      }
    }
    return String.valueOf(value);
  }
}
