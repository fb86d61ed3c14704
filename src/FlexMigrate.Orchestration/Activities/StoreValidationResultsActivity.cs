using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Input of <see cref="StoreValidationResultsActivity"/>: a validation group's per-table results.</summary>
/// <param name="ValidationId">The validation's instance id (the payload's folder).</param>
/// <param name="Index">The group's index (the payload's name).</param>
/// <param name="Results">The group's results.</param>
public sealed record ValidationResultsToStore(string ValidationId, int Index, IReadOnlyList<TableValidationResult> Results);

/// <summary>
/// Puts a validation group's per-table results into the payload store, so the group returns a summary with a ~250-byte
/// reference (<see cref="ValidationGroupCompared"/>, issue 20); null on a host without a payload store (they then travel
/// inline). Idempotent: equal results give an equal reference.
/// </summary>
public sealed class StoreValidationResultsActivity(IPayloadStore? payloads = null) : TaskActivity<ValidationResultsToStore, ValidationGroupCompared>
{
    public override async Task<ValidationGroupCompared> RunAsync(TaskActivityContext context, ValidationResultsToStore input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = payloads is null ? null : await payloads.PutAsync(input.ValidationId, $"validation-{input.Index}", input.Results.ToList());
        return ValidationGroupCompared.Of(input.Results, stored);
    }
}
