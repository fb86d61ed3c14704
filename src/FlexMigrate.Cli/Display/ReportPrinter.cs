using System.Globalization;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Contracts;
using Spectre.Console;

namespace FlexMigrate.Cli.Display;

/// <summary>
/// The human-readable end-of-migration summary. Written through a Spectre console: on a terminal the per-table
/// table fits the width (names shortened like the live progress) and long lines wrap at words; redirected, the same
/// text comes out unwrapped.
/// </summary>
internal static class ReportPrinter
{
    private const int TablesShown = 20;

    public static void Print(IAnsiConsole console, string id, MigrationReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var seconds = (report.FinishedUtc - report.StartedUtc).TotalSeconds;
        Line(console, string.Create(CultureInfo.InvariantCulture,
            $"Migration {id}: {report.Outcome}. {report.RowsCopied:N0} rows, {DisplayFormat.Bytes(report.BytesCopied)} in {DisplayFormat.Duration(seconds)} ({report.RowsPerSecond:N0} rows/s)."));
        if (report.Tables.Count > 0)
        {
            console.Write(TablesTable(report.Tables.OrderByDescending(t => t.Rows).Take(TablesShown).ToList(), console.Profile.Width));
        }

        if (report.Tables.Count > TablesShown)
        {
            Line(console, $"  ... and {report.Tables.Count - TablesShown} more tables (see --report).");
        }

        foreach (var f in report.Precheck?.Findings.Where(f => f.Severity != PrecheckSeverity.Info) ?? [])
        {
            Line(console, $"  precheck {f.Severity.ToString().ToLowerInvariant()} [{f.Rule}] {f.Object}: {f.Message}");
            Line(console, $"      fix: {f.Remedy}");
        }

        if (report.Replication is { } replication)
        {
            var t = replication.Totals;
            Line(console, string.Create(CultureInfo.InvariantCulture,
                $"Replication: {t.Transactions:N0} transactions from {replication.StartPosition} to {replication.FinalPosition}: {t.RowsInserted:N0} inserted, {t.RowsUpdated:N0} updated, {t.RowsDeleted:N0} deleted, {t.CascadedRows:N0} by cascades, {t.DdlApplied} DDL."));
            Line(console, string.Create(CultureInfo.InvariantCulture,
                $"Cutover ({replication.StopWrites}, requested by {replication.RequestedBy ?? "unknown"}, attempt {replication.CutoverAttempts}): downtime {replication.DowntimeSeconds:F2} s from writes stopped to target ready."));
            Steps(console, replication.Steps);
            if (replication.SourceLeftReadOnly)
            {
                Line(console, "  The source is left read-only: point the applications at the target.");
            }

            foreach (var note in replication.Notes.Take(20))
            {
                Line(console, $"  replication: {note}");
            }
        }

        if (report.Reverse is { } reverse)
        {
            var t = reverse.Totals;
            Line(console, string.Create(CultureInfo.InvariantCulture,
                $"Replicated back to the old source: {t.Transactions:N0} transactions of the target from {reverse.StartPosition} to {reverse.FinalPosition}: {t.RowsInserted:N0} inserted, {t.RowsUpdated:N0} updated, {t.RowsDeleted:N0} deleted, {t.CascadedRows:N0} by cascades, {t.DdlApplied} DDL."));
            Line(console, report.Outcome == MigrationOutcome.RolledBack
                ? string.Create(CultureInfo.InvariantCulture,
                    $"Rolled back ({reverse.StopWrites}, requested by {reverse.RequestedBy ?? "unknown"}, attempt {reverse.CutoverAttempts}): downtime {reverse.DowntimeSeconds:F2} s from writes stopped on the target to the old source writable. Point the applications at the old source.")
                : "Finished: the target is final; the old source has its triggers and events back and stays read-only.");
            if (report.Outcome == MigrationOutcome.RolledBack)
            {
                Steps(console, reverse.Steps);
            }

            foreach (var note in reverse.Notes.Take(20))
            {
                Line(console, $"  reverse: {note}");
            }
        }

        if (report.Throttle is { Noteworthy: true } throttle)
        {
            Line(console, ThrottleSummary(throttle));
        }

        if (report.Validation is { } validation)
        {
            if (validation.Equal)
            {
                Line(console, string.Create(CultureInfo.InvariantCulture,
                    $"Validation: target equals source ({validation.RowsCompared:N0} rows in {validation.Tables.Count} tables, {validation.Schema.ObjectsCompared} schema objects{(validation.Accounts is { } a ? $", {a.Compared} accounts" : "")} compared)."));
            }
            else
            {
                Line(console, "Validation: the target DIFFERS from the source:");
                using var differences = new StringWriter(CultureInfo.InvariantCulture);
                ValidationReportPrinter.PrintAsync(validation, differences, keysShown: 5).GetAwaiter().GetResult();
                foreach (var line in differences.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    Line(console, line.TrimEnd('\r'));
                }
            }
        }

        PrintRuns(console, report);
        if (report.PrecheckSkipped)
        {
            Line(console, "  Precheck errors were overridden with --skip-precheck.");
        }

        // Errors first, then warnings, then infos.
        foreach (var group in report.Notes.GroupBy(n => n.Severity).OrderByDescending(g => g.Key))
        {
            Line(console, $"{group.Key.ToString().ToLowerInvariant()}s ({group.Count()}):");
            foreach (var n in group.Take(50))
            {
                Line(console, $"  {n.Object}: {n.Message}");
            }
        }
    }

    /// <summary>
    /// A resumed migration lists every run from the target's ledger: when it started, the phase it resumed from, the
    /// chunks it skipped (copied before) and redid (in flight when the previous run stopped), the rows it copied and
    /// how it ended ("stopped" for a run whose process died).
    /// </summary>
    private static void PrintRuns(IAnsiConsole console, MigrationReport report)
    {
        if (report.Runs is not { Count: > 1 } runs)
        {
            return;
        }

        Line(console, $"Runs ({runs.Count}; rows above are this run's):");
        foreach (var run in runs)
        {
            var resumed = run.ResumedFromPhase is null ? "started" : $"resumed from {run.ResumedFromPhase}";
            var chunks = run.Run == 1 ? "" : $", {run.ChunksSkipped} chunks skipped, {run.ChunksRedone} redone";
            Line(console, string.Create(CultureInfo.InvariantCulture,
                $"  run {run.Run} {resumed} at {run.StartedUtc:yyyy-MM-dd HH:mm:ss}Z{chunks}, {run.RowsCopied:N0} rows copied: {run.Outcome ?? "stopped"}"));
        }
    }

    /// <summary>A paragraph wrapped at words by the console's width (not at all when redirected); wrapped lines keep
    /// the paragraph's indent.</summary>
    /// <summary>"Throttled: max-source-load 8.9 s, paused 5.9 s; 2 control commands; settings: parallelism 4, max-rows-per-second=5000".</summary>
    internal static string ThrottleSummary(ThrottleStatus throttle)
    {
        var seconds = throttle.SecondsByCondition.Where(p => p.Value > 0).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.#} s")).ToList();
        var refused = throttle.Changes.Count(c => c.Refused is not null);
        return (seconds.Count == 0 ? "Throttled: never" : "Throttled: " + string.Join(", ", seconds))
            + (throttle.Changes.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                $"; {throttle.Changes.Count} control command{(throttle.Changes.Count == 1 ? "" : "s")}{(refused > 0 ? $" ({refused} refused)" : "")}"))
            + "; settings: " + DisplayFormat.Settings(throttle.Settings) + ".";
    }

    private static void Line(IAnsiConsole console, string text)
    {
        var body = text.TrimStart(' ');
        var indent = text.Length - body.Length;
        console.Write(indent == 0 ? new Text(body + "\n") : new Padder(new Text(body), new Padding(indent, 0, 0, 0)));
    }

    private static Grid TablesTable(IReadOnlyList<TableReport> tables, int width)
    {
        var cells = tables.Select(t => new[]
        {
            $"{DisplayFormat.Count(t.Rows)} rows",
            $"{t.Chunks.ToString(CultureInfo.InvariantCulture)} chunks",
            string.Create(CultureInfo.InvariantCulture, $"{t.Seconds:F1}s"),
            $"{DisplayFormat.Count(t.RowsPerSecond)} rows/s",
        }).ToList();
        // Two-cell indent before the name, one cell before each number column; the name gets what the numbers leave.
        var numberCells = Enumerable.Range(0, 4).Sum(c => cells.Max(row => row[c].Length) + 1);
        var nameWidth = Math.Max(8, Math.Min(tables.Max(t => t.Table.GetCellWidth()), width - 2 - numberCells));
        var names = tables.Select(t => t.Table).ToList();
        var table = new Grid();
        table.AddColumn(new GridColumn().Padding(2, 0, 0, 0).NoWrap());
        for (var c = 0; c < 4; c++)
        {
            table.AddColumn(new GridColumn().RightAligned().Padding(1, 0, 0, 0).NoWrap());
        }

        for (var i = 0; i < tables.Count; i++)
        {
            table.AddRow([new Text(TableNameShortener.Shorten(tables[i].Table, nameWidth, names)), .. cells[i].Select(c => new Text(c))]);
        }

        return table;
    }

    /// <summary>The downtime per step, one line each (the steps add up to the downtime).</summary>
    private static void Steps(IAnsiConsole console, IReadOnlyList<CutoverStepTime> steps)
    {
        foreach (var step in steps)
        {
            Line(console, string.Create(CultureInfo.InvariantCulture, $"  {step.Step,-20} {step.Seconds,7:F3} s  {step.Detail}"));
        }
    }
}
