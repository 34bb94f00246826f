/**
 * An IJava-compatible Jupyter kernel for the project's notebooks.
 *
 * <p>IJava itself ships only as a GitHub release, which the project's machines cannot reach, so
 * this package rebuilds the part of it the notebooks use on the same base library ({@code
 * jupyter-jvm-basekernel}): a {@link jdk.jshell.JShell} session evaluated in-process, the {@code
 * %jars}, {@code %classpath} and {@code %maven} line magics, and the {@code display(...)}/{@code
 * render(...)} helpers of {@link io.cryptomargin.notebooks.kernel.Display}. The kernelspec is
 * registered under IJava's name {@code java}, so every notebook also runs unchanged under a real
 * IJava install.
 */
package io.cryptomargin.notebooks.kernel;
