/**
 * Human-readable reports: aligned text tables of margin results, with units in the headers and
 * figures rounded for display only. JSON output lives in {@code io.ReportJson}.
 */
package io.cryptomargin.report;
