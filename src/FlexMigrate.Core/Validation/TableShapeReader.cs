using FlexMigrate.Core.Schema;
using MySqlConnector;

namespace FlexMigrate.Core.Validation;

/// <summary>A table's columns and identifying key on one server, from its shape (<see cref="TableSchemaQueries.ReadShapesAsync"/>).</summary>
internal static class TableShapeReader
{
    /// <summary>A table as found on one server; null from <see cref="ReadAsync"/> when the table does not exist.</summary>
    /// <param name="Columns">All columns in ordinal order.</param>
    /// <param name="KeyColumns">The identifying key (<see cref="RowIdentity"/>); empty when the table has none.</param>
    /// <param name="KeyHasPrefix">True when a key part indexes only a prefix of its column (no range chunking then).</param>
    internal sealed record Found(IReadOnlyList<ValidatedColumn> Columns, IReadOnlyList<string> KeyColumns, bool KeyHasPrefix);

    public static async Task<Found?> ReadAsync(MySqlConnection connection, TableRef table, CancellationToken cancellationToken)
    {
        var shapes = await TableSchemaQueries.ReadShapesAsync(connection, null, table.Database, table.Table, cancellationToken);
        return shapes is [var shape] ? FromShape(shape) : null;
    }

    internal static Found FromShape(TableShapeFacts shape)
    {
        var columns = shape.Columns.Select(c => new ValidatedColumn(
            c.Name, c.DataType.ToLowerInvariant(), c.ColumnType, c.CharacterSet, c.Collation, c.NumericPrecision, c.NumericScale, c.DatetimePrecision)).ToList();
        var key = RowIdentity.Choose(shape);
        return key is null
            ? new Found(columns, [], false)
            : new Found(columns, key.Columns.Select(part => part.Name!).ToList(), key.Columns.Any(part => part.PrefixLength is not null));
    }
}
