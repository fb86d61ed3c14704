using System.Text;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Metadata;

/// <summary>
/// Puts a target session into the settings a stored object was created with (sql_mode, character_set_client,
/// collation_connection, and for events time_zone) and back, as mysqldump does around each routine. The server
/// stores these with the object, so they decide how its body parses and behaves.
/// </summary>
internal sealed class StoredObjectSession(ServerSession target)
{
    private readonly Dictionary<string, (string Mode, string? Dropped)> supportedModes = new(StringComparer.Ordinal);

    public ServerSession Target => target;

    /// <summary>Applies <paramref name="context"/>; returns notes for anything the target could not take as is.</summary>
    public async Task<List<MigrationNote>> EnterAsync(ObjectName name, string createStatement, StoredObjectContext context, string? timeZone, CancellationToken ct)
    {
        var notes = new List<MigrationNote>();
        var sets = new List<string>();
        if (context.SqlMode is { } sqlMode)
        {
            var (mode, dropped) = await SupportedModeAsync(sqlMode, ct);
            sets.Add($"sql_mode = {SqlText.Literal(mode)}");
            if (dropped is not null)
            {
                notes.Add(new MigrationNote(NoteSeverity.Warning, name.ToString(),
                    $"Created without sql_mode flag(s) {dropped}, which the target does not know."));
            }
        }

        sets.Add(ClientCharsetClause(name, createStatement, context, notes));
        if (timeZone is not null)
        {
            sets.Add($"time_zone = {SqlText.Literal(timeZone)}");
        }

        try
        {
            await target.ExecuteAsync("SET SESSION " + string.Join(", ", sets), ct);
        }
        catch (MySqlException ex)
        {
            throw TargetDdlExecutor.Rejected(target, "the session settings (sql_mode, character set, time zone)", name.ToString(), ex);
        }

        return notes;
    }

    /// <summary>Back to the schema session's settings.</summary>
    public Task LeaveAsync(CancellationToken ct) =>
        target.ExecuteAsync($"SET SESSION sql_mode = '{ServerSession.SchemaSqlMode}', time_zone = '+00:00', NAMES utf8mb4", ct);

    /// <summary>
    /// MySqlConnector always sends UTF-8. That equals the object's character_set_client when it is utf8/utf8mb3/utf8mb4,
    /// or when the text is pure ASCII; otherwise the bytes would be misread, so the object is created with utf8mb4 as
    /// client character set (literals then carry utf8mb4 instead of the original one) and a warning says so.
    /// </summary>
    private static string ClientCharsetClause(ObjectName name, string createStatement, StoredObjectContext context, List<MigrationNote> notes)
    {
        var client = context.CharacterSetClient;
        var utf8 = client.StartsWith("utf8", StringComparison.OrdinalIgnoreCase);
        if (utf8 || Ascii.IsValid(createStatement))
        {
            return $"character_set_client = {client}, collation_connection = {context.CollationConnection}";
        }

        notes.Add(new MigrationNote(NoteSeverity.Warning, name.ToString(),
            $"Created with character_set_client utf8mb4 instead of {client}: its text holds non-ASCII characters that only "
            + "travel intact as UTF-8. String literals in its body now have character set utf8mb4."));
        return "character_set_client = utf8mb4, collation_connection = utf8mb4_general_ci";
    }

    /// <summary>
    /// The object's sql_mode, minus flags the target rejects (e.g. MySQL 8.0 has no NO_AUTO_CREATE_USER, MySQL lacks
    /// MariaDB's SIMULTANEOUS_ASSIGNMENT): tried whole first, then flag by flag. Cached per mode string.
    /// </summary>
    private async Task<(string Mode, string? Dropped)> SupportedModeAsync(string sqlMode, CancellationToken ct)
    {
        if (supportedModes.TryGetValue(sqlMode, out var known))
        {
            return known;
        }

        var result = (sqlMode, (string?)null);
        if (!await AcceptsAsync(sqlMode, ct))
        {
            var kept = new List<string>();
            var dropped = new List<string>();
            foreach (var flag in sqlMode.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                (await AcceptsAsync(flag, ct) ? kept : dropped).Add(flag);
            }

            result = (string.Join(",", kept), string.Join(",", dropped));
        }

        supportedModes[sqlMode] = result;
        return result;
    }

    private async Task<bool> AcceptsAsync(string sqlMode, CancellationToken ct)
    {
        try
        {
            await target.ExecuteAsync($"SET SESSION sql_mode = {SqlText.Literal(sqlMode)}", ct);
            return true;
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.WrongValueForVariable)
        {
            return false;
        }
    }
}
