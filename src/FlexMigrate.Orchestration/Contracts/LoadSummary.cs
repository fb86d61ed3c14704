using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// The report the replication loop completes when it ends (the initial load's; in reverse, the forward cutover's) as
/// every ContinueAsNew generation carries it (issue 20): the figures the status shows, a size independent of the table
/// count, and the report itself by reference in the host's payload store, joined back only into the final report.
/// Carrying the report's 10,000 table lines through every turn made each turn's input megabytes that every replay read.
/// </summary>
/// <param name="Outcome">The report's outcome (in reverse: whether the forward cutover succeeded).</param>
/// <param name="StartedUtc">When the migration started.</param>
/// <param name="Tables">Table lines in the report.</param>
/// <param name="RowsCopied">Rows the load copied.</param>
/// <param name="BytesCopied">Bytes the load copied.</param>
/// <param name="RowsPerSecond">The load's copy rate.</param>
/// <param name="Notes">Notes in the report (the online phases' own are in <see cref="AddedNotes"/>).</param>
/// <param name="Findings">The precheck's warnings and errors the status shows (at most <see cref="MaxFindings"/>).</param>
/// <param name="Azure">Changes made to the Azure servers, null without Azure options.</param>
/// <param name="Artifacts">Artifacts written so far.</param>
/// <param name="Stored">The whole report in the payload store; null when it travels inline.</param>
/// <param name="Inline">The whole report when the host has no payload store or the report is small.</param>
public sealed record LoadSummary(
    MigrationOutcome Outcome,
    DateTime StartedUtc,
    int Tables,
    long RowsCopied,
    long BytesCopied,
    double RowsPerSecond,
    int Notes,
    IReadOnlyList<PrecheckFinding> Findings,
    Azure.AzureReport? Azure,
    IReadOnlyList<ArtifactReference>? Artifacts,
    PayloadReference? Stored,
    MigrationReport? Inline)
{
    /// <summary>Precheck findings the status carries at most.</summary>
    public const int MaxFindings = 50;

    /// <summary>Notes of the online phases (catch-up, cancel, reverse), appended to the report's when it is joined back.</summary>
    public IReadOnlyList<MigrationNote> AddedNotes { get; init; } = [];

    /// <summary>The summary of <paramref name="report"/>, which travels by <paramref name="stored"/> when set, else inline.</summary>
    public static LoadSummary Of(MigrationReport report, PayloadReference? stored)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Outcome, report.StartedUtc, report.Tables.Count, report.RowsCopied, report.BytesCopied, report.RowsPerSecond,
            report.Notes.Count, report.Precheck?.Findings.Where(f => f.Severity != PrecheckSeverity.Info).Take(MaxFindings).ToList() ?? [],
            report.Azure, report.Artifacts, stored, stored is null ? report : null);
    }
}
