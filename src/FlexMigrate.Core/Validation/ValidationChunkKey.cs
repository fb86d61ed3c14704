using System.Globalization;
using FlexMigrate.Core.Chunking;
using FlexMigrate.Core.Schema;
using MySqlConnector;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// A validated table's key as the chunk planner reads it on the source: bounds are encoded key text
/// (<see cref="KeyCodec"/>), which both servers turn back into the same typed values in <see cref="TableSql"/>'s
/// range predicates.
/// </summary>
internal sealed class ValidationChunkKey(MySqlConnection source, TableSql sql, TableShape shape, int commandTimeoutSeconds)
    : IChunkKey<IReadOnlyList<string>>
{
    public bool IsSingleInteger => shape.Key is [{ Kind: ColumnTypeFamily.Integer }];

    public async Task<(Int128 Min, Int128 Max)?> ReadIntegerRangeAsync(CancellationToken cancellationToken)
    {
        var query = sql.KeyMinMax();
        await using var command = new MySqlCommand(query.Text, source) { CommandTimeout = commandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            return null;
        }

        return (Int128.Parse(reader.GetString(0), CultureInfo.InvariantCulture), Int128.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
    }

    public IReadOnlyList<string> IntegerBound(Int128 value) => [value.ToString(CultureInfo.InvariantCulture)];

    public async Task<IReadOnlyList<string>?> NextBoundAsync(IReadOnlyList<string>? from, long offset, CancellationToken cancellationToken)
    {
        var query = sql.NextBoundary(from, (int)Math.Min(offset, int.MaxValue));
        await using var command = new MySqlCommand(query.Text, source) { CommandTimeout = commandTimeoutSeconds };
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(cancellationToken) is string next ? KeyCodec.Split(next) : null;
    }
}
