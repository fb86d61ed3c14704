using System.Globalization;
using MySqlConnector;

namespace FlexMigrate.Core.Schema;

/// <summary>
/// One result row addressed by column name. information_schema differs across MySQL 5.6/5.7/8.0 and MariaDB
/// (columns added over versions), so readers select * and ask for columns by name, treating a missing one as null.
/// </summary>
internal sealed class DbRow
{
    private readonly Dictionary<string, object?> values;

    private DbRow(Dictionary<string, object?> values) => this.values = values;

    public static DbRow From(MySqlDataReader reader)
    {
        var values = new Dictionary<string, object?>(reader.FieldCount, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            // TryAdd: SHOW output never repeats a name, but a join could; the first one wins.
            values.TryAdd(reader.GetName(i), reader.IsDBNull(i) ? null : reader.GetValue(i));
        }

        return new DbRow(values);
    }

    /// <summary>This row with the columns of <paramref name="other"/> it lacks (a join done in memory).</summary>
    public DbRow With(DbRow other)
    {
        var merged = new Dictionary<string, object?>(values, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in other.values)
        {
            merged.TryAdd(name, value);
        }

        return new DbRow(merged);
    }

    /// <summary>Runs <paramref name="sql"/> and reads every row (information_schema results are small per database).</summary>
    public static async Task<List<DbRow>> QueryAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql,
        CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = new MySqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        var rows = new List<DbRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(From(reader));
        }

        return rows;
    }

    public object? this[string column] => values.GetValueOrDefault(column);

    /// <summary>Whether the result has the column (information_schema differs across versions); its value may be null.</summary>
    public bool Has(string column) => values.ContainsKey(column);

    public string? String(string column) => this[column] switch
    {
        null => null,
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture),
    };

    public string Text(string column) => String(column) ?? "";

    /// <summary>
    /// The value's bytes: as the server sent them when the session reads with character_set_results = binary (the
    /// bytes stored, in the object's own character set), else the UTF-8 of the text.
    /// </summary>
    public byte[]? Bytes(string column) => this[column] switch
    {
        null => null,
        byte[] bytes => bytes,
        _ => System.Text.Encoding.UTF8.GetBytes(Text(column)),
    };

    public long? Long(string column) => this[column] is { } v and not (string or byte[]) ? Convert.ToInt64(v, CultureInfo.InvariantCulture)
        : long.TryParse(String(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
