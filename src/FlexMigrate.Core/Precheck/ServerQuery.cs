using MySqlConnector;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// Small query helpers for the precheck's and the account migration's metadata reads (named apart from the
/// FlexMigrate.Core.Sql namespace, which a class called Sql would hide from code in sibling namespaces).
/// </summary>
internal static class ServerQuery
{
    public static async Task<List<T>> ListAsync<T>(
        MySqlConnection connection, string sql, Func<MySqlDataReader, T> read, CancellationToken cancellationToken,
        IEnumerable<MySqlParameter>? parameters = null)
    {
        await using var command = new MySqlCommand(sql, connection);
        foreach (var p in parameters ?? [])
        {
            command.Parameters.Add(p.Clone());
        }

        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(read(reader));
        }

        return list;
    }

    public static async Task<string?> ScalarAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<IReadOnlySet<string>> SetAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken) =>
        (await ListAsync(connection, sql, r => Text(r, 0), cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs a read that needs a privilege the user may lack; null when the server refuses it.</summary>
    public static async Task<T?> TryAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (MySqlException)
        {
            return default;
        }
    }

    /// <summary>
    /// A column as text. MySQL 8's information_schema returns some columns with a binary character set, which
    /// MySqlConnector hands over as byte[]; GetString would throw on them.
    /// </summary>
    public static string Text(MySqlDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary><see cref="Text"/>, or null for SQL NULL.</summary>
    public static string? TextOrNull(MySqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Text(reader, ordinal);
}
