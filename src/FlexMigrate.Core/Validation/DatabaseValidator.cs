using System.Collections.Concurrent;
using System.Diagnostics;
using MySqlConnector;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// Validates whole databases for the CLI: compares schemas, plans every table, then compares all chunks of all tables
/// with at most <see cref="ValidationOptions.Parallelism"/> chunks in flight, so large and small tables share the
/// servers evenly.
/// </summary>
public static class DatabaseValidator
{
    public static async Task<ValidationReport> ValidateAsync(
        string sourceConnectionString,
        string targetConnectionString,
        ValidationScope scope,
        ValidationOptions options,
        IProgress<TableValidationResult>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var tables = await ListTablesAsync(sourceConnectionString, scope, cancellationToken);
        var schema = await SchemaComparer.CompareAsync(
            sourceConnectionString, targetConnectionString, scope.Databases, options,
            scope.Tables.Count == 0 && scope.ExcludeTables.Count == 0 ? null : tables, cancellationToken);

        var plans = new ConcurrentDictionary<TableRef, TableValidationPlan>();
        var failures = new ConcurrentDictionary<TableRef, string>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(tables, parallel, async (table, ct) =>
        {
            var plan = await TableValidator.PlanAsync(sourceConnectionString, targetConnectionString, table, options, ct);
            plans[table] = plan;
            if (plan.Problem is not null)
            {
                failures[table] = plan.Problem;
            }
        });

        var chunkResults = new ConcurrentDictionary<TableRef, ConcurrentBag<ChunkValidationResult>>();
        var started = new ConcurrentDictionary<TableRef, Stopwatch>();
        var work = plans.Values.Where(p => p.Problem is null)
            .OrderBy(p => p.Table.ToString(), StringComparer.Ordinal)
            .SelectMany(p => Enumerable.Range(0, p.Chunks.Count).Select(i => (Plan: p, Index: i)));
        await Parallel.ForEachAsync(work, parallel, async (item, ct) =>
        {
            var table = item.Plan.Table;
            started.GetOrAdd(table, _ => Stopwatch.StartNew());
            if (failures.ContainsKey(table))
            {
                return;
            }

            try
            {
                var result = await TableValidator.ValidateChunkAsync(sourceConnectionString, targetConnectionString, item.Plan, item.Index, options, ct);
                var bag = chunkResults.GetOrAdd(table, _ => []);
                bag.Add(result);
                if (bag.Count == item.Plan.Chunks.Count)
                {
                    progress?.Report(TableValidator.Summarize(item.Plan, bag, options, started[table].Elapsed));
                }
            }
            catch (InvalidOperationException ex) when (!ct.IsCancellationRequested)
            {
                failures[table] = ex.Message;
            }
        });

        var results = plans.Values.Select(plan => failures.TryGetValue(plan.Table, out var failure)
                ? TableValidator.Failed(plan.Table, failure, started.TryGetValue(plan.Table, out var w) ? w.Elapsed : TimeSpan.Zero)
                : TableValidator.Summarize(plan, chunkResults.GetValueOrDefault(plan.Table, []), options, started[plan.Table].Elapsed))
            .ToList();
        return ValidationReport.Create(scope.Databases, results, schema, clock.Elapsed);
    }

    /// <summary>Base tables of the scope's databases on the source (tables only on the target show up as schema differences).</summary>
    public static async Task<IReadOnlyList<TableRef>> ListTablesAsync(string sourceConnectionString, ValidationScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await ServerSnapshot.OpenConnectionAsync(sourceConnectionString, "source", cancellationToken);
        var tables = new List<TableRef>();
        foreach (var database in scope.Databases)
        {
            await using (var exists = new MySqlCommand("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @db", connection))
            {
                exists.Parameters.AddWithValue("@db", database);
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    throw new InvalidOperationException(
                        $"Database '{database}' does not exist on the source server (or the user cannot see it). Check --databases.");
                }
            }

            await using var command = new MySqlCommand(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
                connection);
            command.Parameters.AddWithValue("@db", database);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(new TableRef(database, reader.GetString(0)));
            }
        }

        return tables.Where(scope.Includes).ToList();
    }
}
