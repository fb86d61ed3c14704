using System.Diagnostics;
using MySqlConnector;
using FlexMigrate.Core.Testing;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// Validates one table's data: the entry points a durable activity calls. Either
/// <see cref="ValidateTableAsync"/> in one go, or <see cref="PlanAsync"/>, then <see cref="ValidateChunkAsync"/> per
/// chunk (one activity each), then <see cref="Summarize"/>. Everything in and out is a small serializable record; no
/// secret is in any of them (connection strings are passed separately and never stored).
/// </summary>
public static class TableValidator
{
    /// <summary>Reads the table's shape on both servers and splits its key space into chunks (see <see cref="TableValidationPlan"/>).</summary>
    public static async Task<TableValidationPlan> PlanAsync(
        string sourceConnectionString, string targetConnectionString, TableRef table, ValidationOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await ValidationPlanner.PlanAsync(sourceConnectionString, targetConnectionString, table, options, cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw new InvalidOperationException(
                $"Planning the validation of {table} failed: {ex.Message} (MySQL error {ex.Number}). Check that the user may read information_schema and SELECT the table.", ex);
        }
    }

    /// <summary>Compares chunk <paramref name="chunkIndex"/> of a plan; throws InvalidOperationException naming table and server on failure.</summary>
    public static async Task<ChunkValidationResult> ValidateChunkAsync(
        string sourceConnectionString,
        string targetConnectionString,
        TableValidationPlan plan,
        int chunkIndex,
        ValidationOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Problem is not null)
        {
            throw new InvalidOperationException(plan.Problem);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(chunkIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunkIndex, plan.Chunks.Count);
        try
        {
            return await new ChunkComparer(plan, options).CompareAsync(sourceConnectionString, targetConnectionString, chunkIndex, cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw new InvalidOperationException(
                $"Validating chunk {chunkIndex} of {plan.Table} failed: {ex.Message} (MySQL error {ex.Number}). Check that the user may SELECT the table on both servers.", ex);
        }
    }

    /// <summary>Merges chunk results (in any order) into the table's result; keys listed in key order, capped per kind.</summary>
    public static TableValidationResult Summarize(
        TableValidationPlan plan, IReadOnlyCollection<ChunkValidationResult> chunks, ValidationOptions options, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(options);
        if (plan.Problem is not null)
        {
            return Failed(plan.Table, plan.Problem, elapsed);
        }

        var ordered = chunks.OrderBy(c => c.ChunkIndex).ToList();
        var cap = options.MaxKeysPerKind;
        var missing = new DifferingKeys(ordered.Sum(c => c.Missing.Total), ordered.SelectMany(c => c.Missing.Keys).Take(cap).ToList());
        var extra = new DifferingKeys(ordered.Sum(c => c.Extra.Total), ordered.SelectMany(c => c.Extra.Keys).Take(cap).ToList());
        var changed = new ChangedRows(ordered.Sum(c => c.Changed.Total), ordered.SelectMany(c => c.Changed.Rows).Take(cap).ToList());
        var equal = missing.Total == 0 && extra.Total == 0 && changed.Total == 0;
        var sourceRows = ordered.Sum(c => c.SourceRows);
        return new TableValidationResult(
            plan.Table.Database,
            plan.Table.Table,
            equal ? TableStatus.Equal : TableStatus.Different,
            sourceRows,
            sourceRows,
            ordered.Sum(c => c.TargetRows),
            ordered.Count,
            missing,
            extra,
            changed,
            plan.IsMultiset ? "No primary or NOT NULL unique key: compared as a multiset of rows." : null,
            elapsed.TotalSeconds);
    }

    /// <summary>Plans and compares a whole table, up to <see cref="ValidationOptions.Parallelism"/> chunks at once. Never throws for data or SQL errors: they become an Error result.</summary>
    public static async Task<TableValidationResult> ValidateTableAsync(
        string sourceConnectionString, string targetConnectionString, TableRef table, ValidationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        await PausePoint.ReachAsync("validate-table", cancellationToken);
        try
        {
            var plan = await PlanAsync(sourceConnectionString, targetConnectionString, table, options, cancellationToken);
            if (plan.Problem is not null)
            {
                return Failed(table, plan.Problem, clock.Elapsed);
            }

            var results = new ChunkValidationResult[plan.Chunks.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, plan.Chunks.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
                async (i, ct) => results[i] = await ValidateChunkAsync(sourceConnectionString, targetConnectionString, plan, i, options, ct));
            return Summarize(plan, results, options, clock.Elapsed);
        }
        catch (InvalidOperationException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(table, ex.Message, clock.Elapsed);
        }
    }

    internal static TableValidationResult Failed(TableRef table, string message, TimeSpan elapsed) =>
        new(table.Database, table.Table, TableStatus.Error, 0, 0, 0, 0, DifferingKeys.None, DifferingKeys.None, ChangedRows.None, message, elapsed.TotalSeconds);
}
