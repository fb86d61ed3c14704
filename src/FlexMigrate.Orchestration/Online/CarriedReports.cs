using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Pipeline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// The report the replication loop completes at its end, carried through its generations as a <see cref="LoadSummary"/>
/// (issue 20): stored once when replication starts, joined back once when it ends, so no turn's input or status grows
/// with the table count. Deterministic: the payload store is reached through activities.
/// </summary>
internal static class CarriedReports
{
    /// <summary>The summary a generation carries of <paramref name="report"/>, stored by reference when it is large.</summary>
    public static async Task<LoadSummary> CarryAsync(TaskOrchestrationContext context, string migrationId, string name, MigrationReport report) =>
        LoadSummary.Of(report, await context.CallActivityAsync<PayloadReference?>(nameof(StoreReportActivity),
            new ReportToStore(migrationId, name, report), RetryPolicies.Transient));

    /// <summary>The whole report again (every table's line), with the notes the online phases added.</summary>
    public static async Task<MigrationReport> JoinAsync(TaskOrchestrationContext context, LoadSummary load)
    {
        var report = load.Inline ?? await context.CallActivityAsync<MigrationReport>(nameof(ReadReportActivity), load.Stored!, RetryPolicies.Transient);
        return load.AddedNotes.Count == 0 ? report : report with { Notes = [.. report.Notes, .. load.AddedNotes] };
    }
}
