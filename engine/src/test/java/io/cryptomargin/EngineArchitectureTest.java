package io.cryptomargin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The engine's package ladder and its edges, checked on the compiled classes (so fully qualified
 * names in code count as much as imports).
 *
 * <p>The ladder, lowest rung first; a package may use its own rung's package and anything below,
 * never a peer on its rung or anything above:
 *
 * <pre>
 * validation → instrument → market → pricing | scenario → riskarray → book
 *   → margin | rules | historical → backtest | comparison → report → demo → io → cli
 * </pre>
 *
 * <p>The book types ({@code Portfolio}, {@code Position}, {@code UsdRates}) and the result shapes
 * the models share ({@code AccountMargin}, {@code MarginStatus} and the rest) have a {@code book}
 * package of their own, so the three margin models are peers that never import each other; {@code
 * report} renders every result, the comparison's text tables included. No exceptions: every
 * dependency against the ladder fails.
 */
class EngineArchitectureTest {

  private static final String ROOT = "io.cryptomargin";

  /** Rungs of the ladder, lowest first; packages on one rung are peers. */
  private static final List<Set<String>> LADDER =
      List.of(
          Set.of("validation"),
          Set.of("instrument"),
          Set.of("market"),
          Set.of("pricing", "scenario"),
          Set.of("riskarray"),
          Set.of("book"),
          Set.of("margin", "rules", "historical"),
          Set.of("backtest", "comparison"),
          Set.of("report"),
          Set.of("demo"),
          Set.of("io"),
          Set.of("cli"));

  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void ladder_everyEnginePackage_isOnARung() {
    Set<String> packages = new TreeSet<>();
    for (JavaClass c : ENGINE) {
      String sub = subpackage(c);
      if (!sub.isEmpty()) {
        packages.add(sub);
      }
    }

    assertThat(packages).isNotEmpty().allSatisfy(p -> assertThat(rung(p)).as(p).isNotNegative());
  }

  @Test
  void ladder_noPackage_usesAPeerOrAPackageAbove() {
    classes()
        .that()
        .resideInAPackage(ROOT + "..")
        .should(useOnlyLowerRungs())
        .because("each rung builds on the ones below it (see the class comment)")
        .check(ENGINE);
  }

  @Test
  void engine_noClass_usesAwsOrQuarkus() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.amazonaws..", "io.quarkus..")
        .because("the engine is a plain library; the function module adds AWS and Quarkus")
        .check(ENGINE);
  }

  @Test
  void picocli_onlyInCli() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + "..")
        .and()
        .resideOutsideOfPackage(ROOT + ".cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .because("the command line is one edge of the engine, not part of its API")
        .check(ENGINE);
  }

  @Test
  void jackson_onlyInIo() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + "..")
        .and()
        .resideOutsideOfPackage(ROOT + ".io..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson..")
        .because("file formats are read and written in io; the model types know no JSON")
        .check(ENGINE);
  }

  private static ArchCondition<JavaClass> useOnlyLowerRungs() {
    return new ArchCondition<>("use only their own package and packages on lower rungs") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String from = subpackage(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          if (!target.getPackageName().startsWith(ROOT + ".")) {
            continue;
          }
          String to = subpackage(target);
          if (!to.equals(from) && rung(to) >= rung(from)) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency, topLevel(origin) + " -> " + topLevel(target)));
          }
        }
      }
    };
  }

  /** The package right below io.cryptomargin, e.g. {@code margin}; empty for the root package. */
  private static String subpackage(JavaClass c) {
    String name = c.getPackageName();
    if (!name.startsWith(ROOT + ".")) {
      return "";
    }
    String rest = name.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static int rung(String subpackage) {
    for (int i = 0; i < LADDER.size(); i++) {
      if (LADDER.get(i).contains(subpackage)) {
        return i;
      }
    }
    return -1;
  }

  private static String topLevel(JavaClass c) {
    JavaClass outer = c;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer.getName().substring(ROOT.length() + 1);
  }
}
