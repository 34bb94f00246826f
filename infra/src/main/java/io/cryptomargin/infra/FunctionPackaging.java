package io.cryptomargin.infra;

import software.amazon.awscdk.services.lambda.Runtime;

/**
 * How the function artifact was built, which decides the Lambda runtime and whether SnapStart
 * applies.
 */
public enum FunctionPackaging {

  /**
   * The Quarkus JVM build ({@code function/target/function.zip}) on the managed Java 21 runtime.
   */
  JVM,

  /**
   * The Quarkus native build ({@code ./mvnw -pl function package -Pnative}, same zip path, holding
   * a {@code bootstrap} executable) on the OS-only runtime.
   */
  NATIVE;

  /** The handler string of a Quarkus Lambda on a managed Java runtime. */
  public static final String QUARKUS_JVM_HANDLER =
      "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

  /** Lambda ignores the handler on OS-only runtimes; Quarkus's own templates use this value. */
  public static final String QUARKUS_NATIVE_HANDLER = "not.used.in.provided.runtime";

  /**
   * Parses the {@code native} context value.
   *
   * @param nativeFlag {@code "true"} (or Boolean true) for the native build; anything else, or
   *     null, for JVM
   * @return the packaging
   */
  public static FunctionPackaging fromNativeFlag(Object nativeFlag) {
    return nativeFlag != null && Boolean.parseBoolean(String.valueOf(nativeFlag)) ? NATIVE : JVM;
  }

  /**
   * @return the Lambda runtime for this build
   */
  public Runtime runtime() {
    return this == NATIVE ? Runtime.PROVIDED_AL2023 : Runtime.JAVA_21;
  }

  /**
   * @return the handler string Lambda is given
   */
  public String lambdaHandler() {
    return this == NATIVE ? QUARKUS_NATIVE_HANDLER : QUARKUS_JVM_HANDLER;
  }

  /**
   * SnapStart exists only for managed runtimes (Java among them), not for OS-only ones; a native
   * binary starts in tens of milliseconds without it.
   *
   * @return whether SnapStart can be enabled
   */
  public boolean supportsSnapStart() {
    return this == JVM;
  }
}
