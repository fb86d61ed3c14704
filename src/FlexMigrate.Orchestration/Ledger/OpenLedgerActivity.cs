using System.Text.Json;
using FlexMigrate.Core.Ledger;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Ledger;

/// <summary>
/// The first step of every run: records a new migration in the target's ledger, or, for a resume, checks that
/// the servers and the request are the recorded ones (refusing with each difference named) and returns what is
/// already done. Opens the run. Idempotent: a retry finds its run again by the run key.
/// </summary>
public sealed class OpenLedgerActivity(IConnectionCatalog connections) : TaskActivity<LedgerOpening, LedgerOpened>
{
    public override async Task<LedgerOpened> RunAsync(TaskActivityContext context, LedgerOpening input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var ledger = await TargetLedger.OpenAsync(connections.Resolve(input.Request.TargetConnection), input.MigrationId);
        var (run, steps) = await ledger.OpenRunAsync(
            connections.Resolve(input.Request.SourceConnection), LedgerScope.Of(input.Request), JsonSerializer.Serialize(input.Request),
            input.RunKey, nameof(MigrationPhase.Precheck));
        return new LedgerOpened(run.Run, run.ResumedFromPhase, run.ChunksSkipped, run.ChunksRedone, steps.Keys.Order(StringComparer.Ordinal).ToList())
        {
            StartPosition = Read<SourcePositionRecorded>(steps, LedgerSteps.StartPosition),
            Reverse = Read<ReverseStartRecorded>(steps, LedgerSteps.ReverseStart),
            RolledBackAt = Read<SourcePositionRecorded>(steps, LedgerSteps.RolledBack),
            ForwardAgain = Read<ForwardAgainRecorded>(steps, LedgerSteps.ForwardAgain),
        };
    }

    private static T? Read<T>(IReadOnlyDictionary<string, string?> steps, string step) where T : class =>
        steps.TryGetValue(step, out var value) && value is not null ? JsonSerializer.Deserialize<T>(value) : null;
}
