using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// Reads back a report <see cref="StoreReportActivity"/> stored, to join it into the migration's final report.
/// Read-only and hash-checked, so retries are harmless.
/// </summary>
public sealed class ReadReportActivity(IPayloadStore payloads) : TaskActivity<PayloadReference, MigrationReport>
{
    public override Task<MigrationReport> RunAsync(TaskActivityContext context, PayloadReference input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return payloads.GetAsync<MigrationReport>(input);
    }
}
