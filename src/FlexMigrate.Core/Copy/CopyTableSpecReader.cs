using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// Builds a <see cref="CopyTableSpec"/> from the table's shape on the source (<see cref="TableSchemaQueries.ReadShapesAsync"/>,
/// MySQL 5.6+ and MariaDB 10.x): the stored columns in ordinal order and the key that chunks the table.
/// </summary>
public static class CopyTableSpecReader
{
    /// <summary>Reads the copy spec of <paramref name="database"/>.<paramref name="table"/> on the source.</summary>
    public static async Task<CopyTableSpec> ReadAsync(string sourceConnectionString, string database, string table,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await CopySessions.OpenSourceAsync(sourceConnectionString, cancellationToken);
        var shapes = await TableSchemaQueries.ReadShapesAsync(connection, null, database, table, cancellationToken);
        if (shapes is not [var shape])
        {
            throw new CopyException(
                $"Table {database}.{table} does not exist on the source (or the migration user cannot see it); check the name and grants.");
        }

        return FromShape(shape);
    }

    /// <summary>
    /// The copy spec of a table: its columns except generated ones (the target computes them), and its identifying key
    /// (<see cref="RowIdentity"/>) when every part is a whole value of a type that can bound chunks; else no key (the
    /// table is copied whole).
    /// </summary>
    public static CopyTableSpec FromShape(TableShapeFacts shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var copied = shape.Columns.Where(c => c.Generated == GeneratedKind.None).Select(ToCopyColumn).ToList();
        var key = RowIdentity.Columns(shape, (column, part) => part.PrefixLength is null && ColumnTypes.CanBoundChunks(column.Family))
            .Select(ToCopyColumn).ToList();
        return new CopyTableSpec(shape.Name.Database, shape.Name.Name, copied, key, shape.EstimatedRows)
        {
            GeneratedColumns = [.. shape.Columns.Where(c => c.Generated != GeneratedKind.None).Select(c => c.Name)],
            AverageRowBytes = shape.Bytes / Math.Max(1, shape.EstimatedRows),
        };
    }

    private static CopyColumn ToCopyColumn(ColumnSchema column) =>
        new(column.Name, column.DataType.ToLowerInvariant(), column.CharacterSet);
}
