using System.Text;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Binlog.Protocol;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Sql;

/// <summary>
/// A session that runs each statement as its exact bytes under the <see cref="SessionState"/> it was written in. It is
/// how stored objects are re-created (offline, and triggers and events at cutover) and how DDL from the binlog is
/// replayed: MySqlConnector always sends command text as UTF-8, so a statement whose client wrote it in latin1, gbk or
/// sjis would reach the server changed (its literals re-encoded, or its character_set_client replaced). This session
/// runs on the engine's own protocol client (<see cref="ProtocolConnection"/>: handshake, caching_sha2 and native
/// authentication, TLS as the connection string's SslMode asks), sends COM_QUERY with the statement's bytes, and sets
/// only the session variables that change between statements. It starts with foreign_key_checks=0 and the schema
/// sql_mode, like <see cref="ServerSession"/>. Not thread-safe: one statement at a time.
/// </summary>
public sealed class RawSqlSession : IAsyncDisposable
{
    private readonly ProtocolConnection _connection;
    private readonly SqlModeFitter _fitter;
    private readonly Dictionary<string, string> _applied = new(StringComparer.Ordinal);
    private string _sqlMode = ServerSession.SchemaSqlMode;
    private string? _database;
    private bool _collationDatabaseSet;

    private RawSqlSession(ProtocolConnection connection, string role)
    {
        _connection = connection;
        Role = role;
        _fitter = new SqlModeFitter(AcceptsSqlModeAsync);
    }

    /// <summary>"source" or "target".</summary>
    public string Role { get; }

    /// <summary>host:port (never the connection string).</summary>
    public string Server => _connection.Server;

    public string Describe => $"{Role} server {Server}";

    /// <summary>Connects with the settings of a MySqlConnector connection string (host, port, user, password, SslMode, SslCa).</summary>
    /// <exception cref="SchemaMigrationException">The server cannot be reached or refuses the login.</exception>
    public static async Task<RawSqlSession> OpenAsync(string connectionString, string role, CancellationToken ct)
    {
        var settings = BinlogConnectionSettings.FromConnectionString(connectionString);
        ProtocolConnection connection;
        try
        {
            // No read timeout: a replayed ALTER TABLE on a large table may run for hours.
            connection = await ProtocolConnection.OpenAsync(settings, Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
        }
        catch (BinlogException ex)
        {
            throw new SchemaMigrationException(
                $"Cannot open a session on the {role} server {settings.DisplayName}: {ex.Message}", null, (ex as BinlogServerException)?.ErrorCode, ex);
        }

        var session = new RawSqlSession(connection, role);
        try
        {
            await session.SetAsync($"SET SESSION sql_mode = '{ServerSession.SchemaSqlMode}', foreign_key_checks = 0, sql_quote_show_create = 1", ct)
                .ConfigureAwait(false);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return session;
    }

    /// <summary>
    /// Runs <paramref name="statement"/> in <paramref name="database"/> (null: keep the current one) under
    /// <paramref name="state"/>. Engine-written text (<see cref="StatementBytes.FromText"/>) runs under utf8mb4
    /// whatever the state's client character set.
    /// </summary>
    /// <exception cref="RawSqlException">The server refused the statement (or the USE of the database).</exception>
    public async Task<StatementOutcome> ExecuteAsync(StatementBytes statement, SessionState state, string? database, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(state);
        if (statement.Charset == SqlCharset.Utf8Mb4 && statement.IsEngineText)
        {
            state = state with { CharacterSetClient = "utf8mb4" };
        }

        await UseAsync(database, state.CollationDatabase is null, ct).ConfigureAwait(false);
        var fit = await _fitter.FitAsync(state.SqlMode ?? ServerSession.SchemaSqlMode, ct).ConfigureAwait(false);
        var skipped = await ApplyAsync(state, fit.Mode, ct).ConfigureAwait(false);
        var result = await _connection.RunAsync(statement.Bytes, ct).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            throw new RawSqlException(Describe, error.Code, error.SqlState, error.Message);
        }

        var warnings = result.Warnings > 0 ? await WarningsAsync(ct).ConfigureAwait(false) : [];
        return new StatementOutcome(result.Rows, result.AffectedRows, warnings, fit, skipped);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    // USE needs the name in the client character set: switch the client to utf8mb4 for it. USE also resets
    // collation_database to the database's, so it is repeated when a statement set collation_database before.
    private async Task UseAsync(string? database, bool resetCollationDatabase, CancellationToken ct)
    {
        var reuse = resetCollationDatabase && _collationDatabaseSet;
        if (database is null || (database == _database && !reuse))
        {
            return;
        }

        var utf8mb4 = SqlText.Literal("utf8mb4");
        if (_applied.GetValueOrDefault("character_set_client", utf8mb4) != utf8mb4)
        {
            await SetAsync($"SET SESSION character_set_client = {utf8mb4}", ct).ConfigureAwait(false);
            _applied["character_set_client"] = utf8mb4;
        }

        var result = await _connection.RunAsync(Encoding.UTF8.GetBytes("USE " + SqlText.Identifier(database)), ct).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            _database = null;
            throw new RawSqlException(Describe, error.Code, error.SqlState, error.Message);
        }

        _database = database;
        _collationDatabaseSet = false;
        _applied.Remove("collation_database");
    }

    /// <summary>One SET for the variables that change; when the target refuses it, one SET per variable, skipping the refused ones.</summary>
    private async Task<IReadOnlyList<string>> ApplyAsync(SessionState state, string sqlMode, CancellationToken ct)
    {
        var noBackslashEscapes = SqlModeFlags.NoBackslashEscapes(_sqlMode);
        var wanted = new List<(string Variable, string Value)> { ("sql_mode", SqlText.Literal(sqlMode, noBackslashEscapes)) };
        wanted.AddRange(state.Assignments(noBackslashEscapes));
        if (state.CollationDatabase is { } collationDatabase)
        {
            wanted.Add(("collation_database", collationDatabase.All(char.IsAsciiDigit) ? collationDatabase : SqlText.Literal(collationDatabase, noBackslashEscapes)));
        }

        var changes = wanted.Where(w => _applied.GetValueOrDefault(w.Variable) != w.Value).ToList();
        if (changes.Count == 0)
        {
            return [];
        }

        var skipped = new List<string>();
        var all = await _connection.RunAsync(Sets(changes), ct).ConfigureAwait(false);
        if (all.Error is null)
        {
            Remember(changes, sqlMode);
            return skipped;
        }

        foreach (var change in changes)
        {
            var one = await _connection.RunAsync(Sets([change]), ct).ConfigureAwait(false);
            if (one.Error is { } error)
            {
                skipped.Add($"{change.Variable} = {change.Value}: error {error.Code}: {error.Message}");
                continue;
            }

            Remember([change], sqlMode);
        }

        return skipped;
    }

    private void Remember(List<(string Variable, string Value)> changes, string sqlMode)
    {
        foreach (var (variable, value) in changes)
        {
            _applied[variable] = value;
            if (variable == "sql_mode")
            {
                _sqlMode = sqlMode;
            }

            _collationDatabaseSet |= variable == "collation_database";
        }
    }

    private static byte[] Sets(IEnumerable<(string Variable, string Value)> changes) =>
        Encoding.UTF8.GetBytes("SET SESSION " + string.Join(", ", changes.Select(c => $"{c.Variable} = {c.Value}")));

    private async Task<bool> AcceptsSqlModeAsync(string sqlMode, CancellationToken ct)
    {
        var literal = SqlText.Literal(sqlMode, SqlModeFlags.NoBackslashEscapes(_sqlMode));
        var result = await _connection.RunAsync(Encoding.UTF8.GetBytes($"SET SESSION sql_mode = {literal}"), ct).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            // 1231: the variable can't be set to this value (an unknown flag); anything else is a real failure.
            return error.Code == 1231 ? false : throw new RawSqlException(Describe, error.Code, error.SqlState, error.Message);
        }

        _sqlMode = sqlMode;
        _applied["sql_mode"] = SqlText.Literal(sqlMode, SqlModeFlags.NoBackslashEscapes(sqlMode));
        return true;
    }

    private async Task<IReadOnlyList<string>> WarningsAsync(CancellationToken ct)
    {
        var result = await _connection.RunAsync(Encoding.UTF8.GetBytes("SHOW WARNINGS"), ct).ConfigureAwait(false);
        return result.Rows.Select(r => $"{Text(r[0])} {Text(r[1])}: {Text(r[2])}").ToList();
    }

    private static string Text(byte[]? value) => value is null ? "" : Encoding.UTF8.GetString(value);

    private async Task SetAsync(string sql, CancellationToken ct)
    {
        var result = await _connection.RunAsync(Encoding.UTF8.GetBytes(sql), ct).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            throw new RawSqlException(Describe, error.Code, error.SqlState, error.Message);
        }
    }
}
