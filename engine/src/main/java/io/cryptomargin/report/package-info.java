/**
 * Human-readable reports: aligned text tables of margin results and of the rules-versus-portfolio
 * comparison, with units in the headers and figures rounded for display only. JSON output lives in
 * {@code io.ReportJson}.
 */
package io.cryptomargin.report;
