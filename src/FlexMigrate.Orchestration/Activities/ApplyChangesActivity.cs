using System.Diagnostics;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// One replication batch: applies source changes from the checkpoint for a bounded time and returns the new
/// checkpoint, counts and lag. Idempotent and crash-safe: the applier commits its checkpoint on the target in the
/// same transaction as the changes and resumes from it, so a retried or repeated batch never loses or doubles one.
/// With throttle conditions it first waits (at most the batch's time, without touching the source) until none holds,
/// then applies at the --max-rows-per-second pace and ends the batch early when a condition holds again between two
/// transactions (docs/throttling.md).
/// </summary>
/// <remarks>
/// <paramref name="scopeTables"/> is the worker's one <see cref="ScopeTablesCache"/> (the CLI's engine and the Functions
/// app register it): every batch is a new applier, and the next batch of a migration (a cutover's drain after its
/// close-in) reuses the shapes. A host without one (test hosts) gets none: each batch reads the shapes itself.
/// </remarks>
public sealed class ApplyChangesActivity(IConnectionCatalog connections, ScopeTablesCache? scopeTables = null)
    : TaskActivity<ApplyChangesStep, ChangesApplied>
{
    public override async Task<ChangesApplied> RunAsync(TaskActivityContext context, ApplyChangesStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var throttle = input.Throttle is { } settings
            ? Throttles.For(input.MigrationId, connections, request.SourceConnection, request.TargetConnection, settings) : null;
        var watch = Stopwatch.StartNew();
        if (throttle is not null && await throttle.WaitAsync(TimeSpan.FromSeconds(input.MaxSeconds)) is not null)
        {
            return new ChangesApplied(input.From, "", 0, 0, 0, 0, 0, 0, 0, 0, false, Math.Round(watch.Elapsed.TotalSeconds, 3), [])
            {
                Throttle = throttle.Snapshot(),
                Deferred = true,
            };
        }

        var applier = new ReplicationApplier(
            connections.Resolve(request.SourceConnection),
            connections.Resolve(request.TargetConnection),
            ReplicationScopes.Of(request),
            new ReplicationApplierOptions
            {
                MigrationId = input.MigrationId,
                CatchUpPosition = BinlogPosition.Parse(input.CatchUpPosition.Position),
                StopAt = input.StopAt is { } stopAt ? BinlogPosition.Parse(stopAt.Position) : null,
                StopAtSourceEnd = input.StopAtSourceEnd,
                MaxBatchDuration = TimeSpan.FromSeconds(Math.Max(1, input.MaxSeconds - watch.Elapsed.TotalSeconds)),
                Throttle = throttle,
                ApplyThreads = request.Options.ApplyThreads > 0 ? request.Options.ApplyThreads : ReplicationApplierOptions.DefaultApplyThreads,
                Accounts = request.Users is null ? null : UserSteps.Selection(request, connections.Resolve(request.SourceConnection)),
            },
            scopeTables);
        var result = await applier.ApplyAsync(new ReplicationCheckpoint(BinlogPosition.Parse(input.From.Position), input.From.Gtid));
        return ChangesApplied.From(result, watch.Elapsed) with { Throttle = throttle?.Snapshot() };
    }
}
