using System.Data.Common;
using FlexMigrate.Core.Ledger;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// First step of every migration: finds what would fail or damage it before anything is written. Read-only and
/// never throws for server problems (an unreachable server is itself an error finding). A resumed migration's own
/// tables (its ledger says the target was checked before anything was created) are not in the way.
/// </summary>
public sealed class PrecheckActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, PrecheckReport>
{
    /// <summary>The precheck rule that finds tables already on the target.</summary>
    private const string TableExistsRule = "compat.table-exists";

    public override Task<PrecheckReport> RunAsync(TaskActivityContext context, MigrationRequest input) =>
        RunAsync(connections, input, input.MigrationId ?? context.InstanceId, request => request);

    /// <summary>The precheck of <paramref name="input"/>, with <paramref name="enrich"/> adding what the host knows from
    /// outside the connections (Azure server parameters and storage, see Azure/AzurePrecheckActivity).</summary>
    internal static async Task<PrecheckReport> RunAsync(
        IConnectionCatalog connections, MigrationRequest input, string migrationId, Func<PrecheckRequest, PrecheckRequest> enrich)
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
            ReverseAfterCutover = input.Options.ReverseAfterCutover,
        };
        var report = await new PrecheckRunner().RunAsync(enrich(request));
        if (await CreatedBeforeAsync(request.TargetConnectionString, migrationId))
        {
            return WithOwnTables(report);
        }

        return input.Options.DropExisting ? WithDropExisting(report) : report;
    }

    /// <summary>Whether an earlier run of the migration passed the target check (<see cref="LedgerSteps.TargetChecked"/>).
    /// An unreachable target is the precheck's own error finding, not an exception here.</summary>
    private static async Task<bool> CreatedBeforeAsync(string target, string migrationId)
    {
        try
        {
            await using var ledger = await TargetLedger.OpenAsync(target, migrationId);
            return (await ledger.StepsAsync()).ContainsKey(LedgerSteps.TargetChecked);
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>A resumed migration keeps what its earlier runs created: the tables are its own, said as information.</summary>
    private static PrecheckReport WithOwnTables(PrecheckReport report) =>
        WithTablesExisting(report, PrecheckSeverity.Info, "An earlier run of this migration created it; the resume keeps it.");

    /// <summary>With --drop-existing a table on the target is dropped by design, not a blocker: say so instead.</summary>
    private static PrecheckReport WithDropExisting(PrecheckReport report) =>
        WithTablesExisting(report, PrecheckSeverity.Warning, "It will be dropped (--drop-existing).");

    private static PrecheckReport WithTablesExisting(PrecheckReport report, PrecheckSeverity severity, string why) => report with
    {
        Findings = report.Findings
            .Select(f => f.Rule == TableExistsRule ? f with { Severity = severity, Message = f.Message + " " + why } : f)
            .ToList(),
    };
}
