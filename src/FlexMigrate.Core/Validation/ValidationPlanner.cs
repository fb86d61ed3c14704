using System.Globalization;
using FlexMigrate.Core.Chunking;
using MySqlConnector;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// Decides what is compared for a table and splits its key space, through the one <see cref="ChunkPlanner"/>, into
/// ranges of about <see cref="ValidationOptions.ChunkRows"/> source rows. Boundaries only partition the key space: both
/// servers evaluate the same ranges, and the outermost chunks are unbounded, so rows outside the source's key range are
/// still seen on the target.
/// </summary>
internal static class ValidationPlanner
{
    public static async Task<TableValidationPlan> PlanAsync(
        string sourceConnectionString, string targetConnectionString, TableRef table, ValidationOptions options, CancellationToken cancellationToken)
    {
        await using var source = await ServerSnapshot.OpenConnectionAsync(sourceConnectionString, "source", cancellationToken);
        await using var target = await ServerSnapshot.OpenConnectionAsync(targetConnectionString, "target", cancellationToken);
        var onSource = await TableShapeReader.ReadAsync(source, table, cancellationToken);
        var onTarget = await TableShapeReader.ReadAsync(target, table, cancellationToken);
        var empty = new TableShape([], []);
        if (onSource is null || onTarget is null)
        {
            var where = onSource is null ? "source" : "target";
            return new TableValidationPlan(table, empty, empty, [], $"Table {table} does not exist on the {where}.");
        }

        var (sourceShape, targetShape, problem) = Compose(table, onSource, onTarget);
        if (problem is not null)
        {
            return new TableValidationPlan(table, sourceShape, targetShape, [], problem);
        }

        var rangeSafe = !onSource.KeyHasPrefix && !onTarget.KeyHasPrefix && sourceShape.KeyColumns.Count > 0
            && sourceShape.Key.Zip(targetShape.Key).All(p => KeyCodec.IsRangeSafe(p.First, p.Second));
        var chunks = rangeSafe
            ? await SplitAsync(source, table, sourceShape, options, cancellationToken)
            : [ChunkBounds.WholeTable];
        return new TableValidationPlan(table, sourceShape, targetShape, chunks, null);
    }

    /// <summary>Compared columns are those on both servers (schema comparison reports the others); the key must be on both.</summary>
    internal static (TableShape Source, TableShape Target, string? Problem) Compose(
        TableRef table, TableShapeReader.Found onSource, TableShapeReader.Found onTarget)
    {
        var targetByName = onTarget.Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var sourceColumns = onSource.Columns.Where(c => targetByName.ContainsKey(c.Name)).ToList();
        var targetColumns = sourceColumns.Select(c => targetByName[c.Name]).ToList();
        var missingKey = onSource.KeyColumns.Where(k => !targetByName.ContainsKey(k)).ToList();
        var keyColumns = missingKey.Count == 0 ? onSource.KeyColumns : [];
        var source = new TableShape(sourceColumns, keyColumns);
        var target = new TableShape(targetColumns, keyColumns);
        if (sourceColumns.Count == 0)
        {
            return (source, target, $"Table {table} has no column with the same name on source and target; see the schema differences.");
        }

        return missingKey.Count == 0
            ? (source, target, null)
            : (source, target, $"Key column(s) {string.Join(", ", missingKey)} of {table} are missing on the target; rows cannot be matched. Fix the target's schema first.");
    }

    private static async Task<IReadOnlyList<ChunkBounds>> SplitAsync(
        MySqlConnection source, TableRef table, TableShape shape, ValidationOptions options, CancellationToken cancellationToken)
    {
        var estimate = await EstimateRowsAsync(source, table, cancellationToken);
        var key = new ValidationChunkKey(source, new TableSql(table, shape, options.DrillDownFanOut), shape, options.CommandTimeoutSeconds);
        return ToChunks(await new ChunkPlanner(options.ChunkRows).BoundsAsync(key, estimate, cancellationToken));
    }

    internal static IReadOnlyList<ChunkBounds> ToChunks(IReadOnlyList<IReadOnlyList<string>> boundaries) =>
        ChunkPlanner.Ranges(boundaries).Select(range => new ChunkBounds(range.Lower, range.Upper)).ToList();

    private static async Task<long> EstimateRowsAsync(MySqlConnection source, TableRef table, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @t", source);
        command.Parameters.AddWithValue("@db", table.Database);
        command.Parameters.AddWithValue("@t", table.Table);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }
}
