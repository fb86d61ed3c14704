using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>Input of <see cref="StoreReportActivity"/>: a report the replication loop completes at its end.</summary>
/// <param name="MigrationId">The migration the payload belongs to.</param>
/// <param name="Name">The payload's name within the migration ("load-report", "forward-report").</param>
/// <param name="Report">The report.</param>
public sealed record ReportToStore(string MigrationId, string Name, MigrationReport Report);

/// <summary>
/// Puts a report with more table lines than the store's <see cref="IPayloadStore.InlineTableLimit"/> into the payload
/// store, so the replication loop carries a ~250-byte reference through its generations instead of the report
/// (<see cref="LoadSummary"/>, issue 20); null keeps it inline (a small report, or a host without a payload store).
/// Idempotent: an equal report gives an equal reference.
/// </summary>
public sealed class StoreReportActivity(IPayloadStore? payloads = null) : TaskActivity<ReportToStore, PayloadReference?>
{
    public override async Task<PayloadReference?> RunAsync(TaskActivityContext context, ReportToStore input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return payloads is null || input.Report.Tables.Count <= payloads.InlineTableLimit
            ? null
            : await payloads.PutAsync(input.MigrationId, input.Name, input.Report);
    }
}
