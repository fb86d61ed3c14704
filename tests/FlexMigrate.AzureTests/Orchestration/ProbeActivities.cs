using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.AzureTests.Orchestration;

/// <summary>
/// CreateTablesActivity with a hook first: the tests look at the fake ARM server at the moment the tables are created
/// (the tuning must be in place), hold the migration there (to cancel it), or fail it (to see the restore on failure).
/// </summary>
internal sealed class ProbedCreateTablesActivity(IConnectionCatalog connections, Func<Task> before)
    : TaskActivity<SchemaStep, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, SchemaStep input)
    {
        await before();
        return await new CreateTablesActivity(connections).RunAsync(context, input);
    }
}

/// <summary>An activity context for calling an activity directly, as a durable retry would call it again.</summary>
internal sealed class DirectActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}

/// <summary>A restore activity that always fails without retries, as if Resource Manager could not be reached at all.</summary>
internal sealed class UnreachableRestoreActivity : TaskActivity<IReadOnlyList<FlexMigrate.Azure.Arm.AzureChange>, IReadOnlyList<FlexMigrate.Azure.Arm.AzureRestoreOutcome>>
{
    public override Task<IReadOnlyList<FlexMigrate.Azure.Arm.AzureRestoreOutcome>> RunAsync(
        TaskActivityContext context, IReadOnlyList<FlexMigrate.Azure.Arm.AzureChange> input) =>
        throw new FlexMigrate.Core.UserActionRequiredException("Resource Manager is unreachable.");
}
