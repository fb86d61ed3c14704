using MySqlConnector;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Which tables and routines named by table, column and routine grants exist for the target: already on it, or on the
/// source in a database this migration copies. A grant on anything else cannot be written (the server refuses a
/// grant on a missing table or routine), and the translation says so instead of failing.
/// </summary>
internal sealed class ObjectAvailability
{
    private readonly HashSet<string> _objects = new(StringComparer.Ordinal);
    private readonly bool _lowerCase;

    private ObjectAvailability(bool lowerCase) => _lowerCase = lowerCase;

    public static async Task<ObjectAvailability> ReadAsync(
        MySqlConnection source, MySqlConnection target, IEnumerable<Account> accounts, IReadOnlyList<string> migrated, bool lowerCase, CancellationToken cancellationToken)
    {
        var result = new ObjectAvailability(lowerCase);
        var databases = accounts.SelectMany(a => a.Grants)
            .Where(g => g.On.Level is not (GrantLevel.Global or GrantLevel.Database))
            .Select(g => g.On.Database)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var database in databases)
        {
            await result.AddAsync(target, lowerCase ? database.ToLowerInvariant() : database, cancellationToken);
            if (migrated.Contains(database, StringComparer.Ordinal))
            {
                await result.AddAsync(source, database, cancellationToken);
            }
        }

        return result;
    }

    public bool Contains(GrantObject on) => _objects.Contains(Key(on.Level, on.Database, on.Name));

    private async Task AddAsync(MySqlConnection connection, string database, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT 'T', TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db
            UNION ALL SELECT LEFT(ROUTINE_TYPE, 1), ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = @db
            """;
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@db", database);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var level = reader.GetString(0) switch
            {
                "T" => GrantLevel.Table,
                "P" => GrantLevel.Procedure,
                "F" => GrantLevel.Function,
                _ => GrantLevel.Package,
            };
            _objects.Add(Key(level, database, reader.GetString(1)));
            if (level == GrantLevel.Package)
            {
                _objects.Add(Key(GrantLevel.PackageBody, database, reader.GetString(1)));
            }
        }
    }

    // Routine names never compare by case; database and table names do unless the target folds them.
    private string Key(GrantLevel level, string database, string name)
    {
        var fold = _lowerCase || level != GrantLevel.Table;
        return $"{(int)level}|{(_lowerCase ? database.ToLowerInvariant() : database)}|{(fold ? name.ToLowerInvariant() : name)}";
    }
}
