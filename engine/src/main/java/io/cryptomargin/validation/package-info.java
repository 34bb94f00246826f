/** Input validation: every problem with a piece of input is collected and reported at once. */
package io.cryptomargin.validation;
