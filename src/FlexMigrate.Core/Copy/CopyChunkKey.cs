using System.Globalization;
using FlexMigrate.Core.Chunking;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// A copy key as the chunk planner reads it: bounds are exact <see cref="KeyValue"/>s taken from the server's own
/// bytes, and the server compares them in the same predicates the copy uses (<see cref="CopySql.Compare"/>), so the
/// chunk order is the collation's order by construction.
/// </summary>
internal sealed class CopyChunkKey(MySqlConnection source, CopyTableSpec spec) : IChunkKey<ChunkBound>
{
    public bool IsSingleInteger => spec.KeyColumns is [{ Kind: ColumnTypeFamily.Integer }];

    public async Task<(Int128 Min, Int128 Max)?> ReadIntegerRangeAsync(CancellationToken cancellationToken)
    {
        var key = SqlText.Identifier(spec.KeyColumns[0].Name);
        await using var command = new MySqlCommand(
            $"SELECT CAST(MIN({key}) AS CHAR), CAST(MAX({key}) AS CHAR) FROM {spec.QualifiedName}", source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            return null;
        }

        return (Int128.Parse(reader.GetString(0), CultureInfo.InvariantCulture), Int128.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
    }

    public ChunkBound IntegerBound(Int128 value) => new([KeyValue.FromInteger(value)]);

    public async Task<ChunkBound?> NextBoundAsync(ChunkBound? from, long offset, CancellationToken cancellationToken)
    {
        var select = string.Join(", ", spec.KeyColumns.Select(CopySql.SelectExpression));
        var where = from is null ? "" : " WHERE " + CopySql.Compare(spec, from, ">");
        var sql = $"SELECT {select} FROM {spec.QualifiedName}{where} ORDER BY {CopySql.OrderBy(spec)} LIMIT 1 OFFSET " +
            offset.ToString(CultureInfo.InvariantCulture);
        await using var command = new MySqlCommand(sql, source) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var values = new KeyValue[spec.KeyColumns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = KeyValue.FromSourceBytes(spec.KeyColumns[i], (byte[])reader.GetValue(i));
        }

        return new ChunkBound(values);
    }
}
