using System.Globalization;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Migration;

/// <summary>The human-readable end-of-migration summary.</summary>
internal static class ReportPrinter
{
    public static async Task PrintAsync(TextWriter output, string id, MigrationReport report)
    {
        var seconds = (report.FinishedUtc - report.StartedUtc).TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Migration {id}: {report.Outcome}. {report.RowsCopied:N0} rows, {ProgressRenderer.FormatBytes(report.BytesCopied)} in {ProgressRenderer.FormatDuration(seconds)} ({report.RowsPerSecond:N0} rows/s)."));
        foreach (var t in report.Tables.OrderByDescending(t => t.Rows).Take(20))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {t.Table,-40} {t.Rows,12:N0} rows  {t.Chunks,4} chunks  {t.Seconds,8:F1}s  {t.RowsPerSecond,10:N0} rows/s"));
        }

        if (report.Tables.Count > 20)
        {
            await output.WriteLineAsync($"  ... and {report.Tables.Count - 20} more tables (see --report).");
        }

        foreach (var f in report.Precheck?.Findings.Where(f => f.Severity != PrecheckSeverity.Info) ?? [])
        {
            await output.WriteLineAsync($"  precheck {f.Severity.ToString().ToLowerInvariant()} [{f.Rule}] {f.Object}: {f.Message}");
            await output.WriteLineAsync($"      fix: {f.Remedy}");
        }

        if (report.Replication is { } replication)
        {
            var t = replication.Totals;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Replication: {t.Transactions:N0} transactions from {replication.StartPosition} to {replication.FinalPosition}: {t.RowsInserted:N0} inserted, {t.RowsUpdated:N0} updated, {t.RowsDeleted:N0} deleted, {t.CascadedRows:N0} by cascades, {t.DdlApplied} DDL."));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Cutover ({replication.StopWrites}, requested by {replication.RequestedBy ?? "unknown"}, attempt {replication.CutoverAttempts}): downtime {replication.DowntimeSeconds:F1} s from writes stopped to target ready."));
            if (replication.SourceLeftReadOnly)
            {
                await output.WriteLineAsync("  The source is left read-only: point the applications at the target.");
            }

            foreach (var note in replication.Notes.Take(20))
            {
                await output.WriteLineAsync($"  replication: {note}");
            }
        }

        if (report.Validation is { } validation)
        {
            if (validation.Equal)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Validation: target equals source ({validation.RowsCompared:N0} rows in {validation.Tables.Count} tables, {validation.Schema.ObjectsCompared} schema objects{(validation.Accounts is { } a ? $", {a.Compared} accounts" : "")} compared)."));
            }
            else
            {
                await output.WriteLineAsync("Validation: the target DIFFERS from the source:");
                await ValidationReportPrinter.PrintAsync(validation, output, keysShown: 5);
            }
        }

        if (report.PrecheckSkipped)
        {
            await output.WriteLineAsync("  Precheck errors were overridden with --skip-precheck.");
        }

        foreach (var group in report.Notes.GroupBy(n => n.Severity).OrderBy(g => SeverityRank(g.Key)))
        {
            await output.WriteLineAsync($"{group.Key}s ({group.Count()}):");
            foreach (var n in group.Take(50))
            {
                await output.WriteLineAsync($"  {n.Object}: {n.Message}");
            }
        }
    }

    private static int SeverityRank(string severity) => severity switch { "error" => 0, "warning" => 1, _ => 2 };
}
