using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>Input of <see cref="ReadTablePageActivity"/>: one page of a table list stored by reference.</summary>
public sealed record TablePageStep(PayloadReference Tables, int Skip, int Take);

/// <summary>
/// Reads one page of a plan's table list that <see cref="Activities.PlanMigrationActivity"/> stored by reference, so no
/// single history message holds thousands of tables. Read-only and hash-checked, so retries are harmless.
/// </summary>
public sealed class ReadTablePageActivity(IPayloadStore payloads) : TaskActivity<TablePageStep, IReadOnlyList<TableWork>>
{
    public override async Task<IReadOnlyList<TableWork>> RunAsync(TaskActivityContext context, TablePageStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tables = await payloads.GetAsync<List<TableWork>>(input.Tables);
        return [.. tables.Skip(input.Skip).Take(input.Take)];
    }
}
