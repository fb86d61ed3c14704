using FlexMigrate.Core.Precheck;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// First step of every migration: finds what would fail or damage it before anything is written. Read-only and
/// never throws for server problems (an unreachable server is itself an error finding).
/// </summary>
public sealed class PrecheckActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, PrecheckReport>
{
    /// <summary>The precheck rule that finds tables already on the target.</summary>
    private const string TableExistsRule = "compat.table-exists";

    public override Task<PrecheckReport> RunAsync(TaskActivityContext context, MigrationRequest input) =>
        RunAsync(connections, input, request => request);

    /// <summary>The precheck of <paramref name="input"/>, with <paramref name="enrich"/> adding what the host knows from
    /// outside the connections (Azure server parameters and storage, see Azure/AzurePrecheckActivity).</summary>
    internal static async Task<PrecheckReport> RunAsync(
        IConnectionCatalog connections, MigrationRequest input, Func<PrecheckRequest, PrecheckRequest> enrich)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new PrecheckRequest(
            connections.Resolve(input.SourceConnection),
            connections.Resolve(input.TargetConnection),
            input.Databases,
            input.Options.Mode == MigrationMode.Online ? PrecheckMode.Online : PrecheckMode.Offline)
        {
            IncludeTables = input.Tables,
            ExcludeTables = input.ExcludeTables,
            Users = input.Users?.Select ?? [],
            ReplaceUsers = input.Users?.Replace ?? false,
        };
        var report = await new PrecheckRunner().RunAsync(enrich(request));
        return input.Options.DropExisting ? WithDropExisting(report) : report;
    }

    /// <summary>With --drop-existing a table on the target is dropped by design, not a blocker: say so instead.</summary>
    private static PrecheckReport WithDropExisting(PrecheckReport report) => report with
    {
        Findings = report.Findings
            .Select(f => f.Rule == TableExistsRule
                ? f with { Severity = PrecheckSeverity.Warning, Message = f.Message + " It will be dropped (--drop-existing)." }
                : f)
            .ToList(),
    };
}
