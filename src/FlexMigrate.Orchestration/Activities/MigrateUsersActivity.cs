using System.Globalization;
using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Makes the target's accounts equal the translated source accounts of the request's --users (docs/users.md): reads,
/// translates and writes inside this activity, which holds both connections, so password hashes never reach the
/// durable history; it returns notes only. Idempotent: it writes only what the target lacks, so a retry (or the
/// online migration's second run at cutover) changes nothing that is already right. No-op without --users.
/// </summary>
public sealed class MigrateUsersActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Users is null)
        {
            return [];
        }

        var source = connections.Resolve(input.SourceConnection);
        var options = new AccountPlanOptions(UserSteps.Selection(input, source), RefuseExisting: false, input.Databases);
        var result = await new AccountMigrator(source, connections.Resolve(input.TargetConnection)).SyncAsync(options);
        var summary = new MigrationNote(result.Failed > 0 ? NoteSeverity.Warning : NoteSeverity.Info, "users", string.Create(CultureInfo.InvariantCulture,
            $"{result.Accounts} accounts and roles migrated: {result.Created} created, {result.Changed} updated, {result.Accounts - result.Created - result.Changed - result.Failed} already equal, {result.Failed} failed."));
        return [summary, .. UserSteps.Notes(result.Notes)];
    }
}
