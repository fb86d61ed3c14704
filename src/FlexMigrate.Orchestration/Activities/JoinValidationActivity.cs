using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Input of <see cref="JoinValidationActivity"/>: what a validation's groups and schema comparison found.</summary>
/// <param name="Databases">The databases validated.</param>
/// <param name="Groups">Each group's summary with its results (stored or inline).</param>
/// <param name="Schema">The schema comparison.</param>
/// <param name="Elapsed">The validation's time so far.</param>
public sealed record ValidationJoin(IReadOnlyList<string> Databases, IReadOnlyList<ValidationGroupCompared> Groups, SchemaComparison Schema, TimeSpan Elapsed);

/// <summary>
/// The validation report from its groups' results (issue 20): each group's stored results are read back here, in an
/// activity, so only the report itself (a line per table, as before) enters the validation's history. Read-only.
/// </summary>
public sealed class JoinValidationActivity(IPayloadStore? payloads = null) : TaskActivity<ValidationJoin, ValidationReport>
{
    public override async Task<ValidationReport> RunAsync(TaskActivityContext context, ValidationJoin input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var results = new List<TableValidationResult>(input.Groups.Sum(g => g.Tables));
        foreach (var group in input.Groups)
        {
            results.AddRange(group.Stored is not { } stored ? group.Results
                : await (payloads ?? throw new InvalidOperationException(
                    $"Validation results {stored.BlobName} were stored by reference but this host has no payload store.")).GetAsync<List<TableValidationResult>>(stored));
        }

        return ValidationReport.Create(input.Databases, results, input.Schema, input.Elapsed);
    }
}
