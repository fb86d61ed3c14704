using FlexMigrate.Core.Accounts;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Compares the request's --users accounts on both servers after the documented translations; names every
/// missing or extra account, grant, role and proxy and every differing attribute (never a hash).</summary>
public sealed class ValidateUsersActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, AccountComparison>
{
    public override async Task<AccountComparison> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = connections.Resolve(input.SourceConnection);
        return await new AccountMigrator(source, connections.Resolve(input.TargetConnection))
            .CompareAsync(UserSteps.Selection(input, source), input.Databases);
    }
}
