using System.Globalization;
using System.Text;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Fidelity;

/// <summary>
/// The scenario matrix of issue 12: every kind of stored object (view, procedure, function, trigger, event) x client
/// character set (latin1, utf8mb3, utf8mb4, gbk, sjis) x sql_mode (empty, ANSI_QUOTES+PIPES_AS_CONCAT,
/// NO_BACKSLASH_ESCAPES, strict with NO_ZERO_DATE), each holding a non-ASCII literal of its character set (for gbk and
/// sjis one that ends in a 0x5C byte), a 4-byte character and a backslash. Objects are created by the mariadb client
/// run with --default-character-set, so the server receives bytes in that character set (MySqlConnector would send
/// UTF-8). Built in one pass per database; each object writes one row into out_t when run, so the behaviour of all of
/// them is compared with one query.
/// </summary>
internal static class StoredObjectMatrix
{
    public static readonly string[] Kinds = ["view", "procedure", "function", "trigger", "event"];

    private static readonly SemaphoreSlim SchedulerLock = new(1, 1);

    public static readonly Charset[] Charsets =
    [
        // latin1: a legacy client sending the UTF-8 bytes of an emoji as four latin1 characters (the "double-encoded" pattern).
        new("latin1", "latin1_german1_ci", "Grüße café", "'ðŸ˜€'", "F09F9880", "+05:30"),
        new("utf8mb3", "utf8mb3_general_ci", "Grüße € ñ", "_utf8mb4 X'F09F9880'", "F09F9880", null),
        new("utf8mb4", "utf8mb4_unicode_ci", "Grüße 中文", "'😀🍻'", "F09F9880F09F8DBB", null),
        new("gbk", "gbk_chinese_ci", "中文乗", "_utf8mb4 X'F09F8DBB'", "F09F8DBB", null),      // 乗 = 0x81 0x5C
        new("sjis", "sjis_japanese_ci", "表ソ能", "_utf8mb4 X'F09F9880'", "F09F9880", null),  // each ends in 0x5C
    ];

    /// <summary>In the server's order, as @@sql_mode shows them.</summary>
    public static readonly string[] Modes = ["", "PIPES_AS_CONCAT,ANSI_QUOTES", "NO_BACKSLASH_ESCAPES", "STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE"];

    /// <summary>Every (kind, object name, cell) of the matrix.</summary>
    public static IEnumerable<(string Kind, string Name, string Cell)> Objects =>
        from kind in Kinds from c in Charsets from m in Enumerable.Range(0, Modes.Length)
        select (kind, $"{kind[0]}_{c.Name}_{m}", $"{c.Name}_{m}");

    /// <summary>The database (utf8mb4 while the objects are made) with out_t, which the objects write, and fire_t, which fires the triggers.</summary>
    public static string Tables(string db) => $"""
        CREATE DATABASE {db} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
        CREATE TABLE {db}.out_t (kind VARCHAR(20) NOT NULL, cell VARCHAR(40) NOT NULL, v LONGBLOB, PRIMARY KEY (kind, cell)) CHARACTER SET utf8mb4;
        CREATE TABLE {db}.fire_t (id INT NOT NULL PRIMARY KEY);
        """;

    /// <summary>The objects of one character set: a script in its bytes, for the mariadb client.</summary>
    public static byte[] Script(string db, Charset c) =>
        PerMode(db, c, (sql, cell, e, m) =>
        {
            sql.Append(CultureInfo.InvariantCulture, $"CREATE VIEW v_{cell} AS SELECT {Expression(c, Modes[m], view: true)} AS v;;\n");
            sql.Append(CultureInfo.InvariantCulture, $"CREATE PROCEDURE p_{cell}() COMMENT '{c.Text} \\\\ x' REPLACE INTO out_t VALUES ('procedure', '{cell}', {e});;\n");
            sql.Append(CultureInfo.InvariantCulture, $"CREATE FUNCTION f_{cell}() RETURNS TEXT DETERMINISTIC RETURN {e};;\n");
            sql.Append(CultureInfo.InvariantCulture, $"CREATE TRIGGER t_{cell} BEFORE INSERT ON fire_t FOR EACH ROW REPLACE INTO out_t VALUES ('trigger', '{cell}', {e});;\n");
            sql.Append(CultureInfo.InvariantCulture, $"CREATE EVENT e_{cell} ON SCHEDULE EVERY 1 SECOND STARTS '2020-01-01 00:00:00' ON COMPLETION PRESERVE ENABLE "
                + $"COMMENT '{c.Text}' DO REPLACE INTO out_t VALUES ('event', '{cell}', {e});;\n");
        });

    /// <summary>
    /// Changes every object of one character set the way applications do, by the same client: ALTER VIEW to the same
    /// definition, ALTER PROCEDURE ... COMMENT, DROP and CREATE of the function and the trigger, ALTER EVENT ... COMMENT.
    /// </summary>
    public static byte[] AlterScript(string db, Charset c) =>
        PerMode(db, c, (sql, cell, e, m) =>
        {
            sql.Append(CultureInfo.InvariantCulture, $"ALTER VIEW v_{cell} AS SELECT {Expression(c, Modes[m], view: true)} AS v;;\n");
            sql.Append(CultureInfo.InvariantCulture, $"ALTER PROCEDURE p_{cell} COMMENT '{c.Text} \\\\ altered';;\n");
            sql.Append(CultureInfo.InvariantCulture, $"DROP FUNCTION f_{cell};;\nCREATE FUNCTION f_{cell}() RETURNS TEXT DETERMINISTIC COMMENT '{c.Text}' RETURN {e};;\n");
            sql.Append(CultureInfo.InvariantCulture, $"DROP TRIGGER t_{cell};;\n");
            sql.Append(CultureInfo.InvariantCulture, $"CREATE TRIGGER t_{cell} BEFORE INSERT ON fire_t FOR EACH ROW REPLACE INTO out_t VALUES ('trigger', '{cell}', {e});;\n");
            sql.Append(CultureInfo.InvariantCulture, $"ALTER EVENT e_{cell} COMMENT '{c.Text} altered';;\n");
        });

    /// <summary>
    /// A script in <paramref name="c"/>'s bytes: SET NAMES, the database, the events' time zone, then per sql_mode
    /// the statements <paramref name="cell"/> appends (given the cell name, the expression written, the mode index).
    /// </summary>
    private static byte[] PerMode(string db, Charset c, Action<StringBuilder, string, string, int> cell)
    {
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"SET NAMES {c.Name} COLLATE {c.Collation};\nUSE {db};\n");
        if (c.TimeZone is not null)
        {
            sql.Append(CultureInfo.InvariantCulture, $"SET time_zone = '{c.TimeZone}';\n");
        }

        sql.Append("DELIMITER ;;\n");
        for (var m = 0; m < Modes.Length; m++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"SET SESSION sql_mode = '{Modes[m]}';;\n");
            cell(sql, $"{c.Name}_{m}", Expression(c, Modes[m], view: false), m);
        }

        sql.Append("DELIMITER ;\n");
        return Encode(c.Name, sql.ToString());
    }

    /// <summary>
    /// What each object writes: its text literal itself (converted into the column or return type), the hex of each
    /// literal's bytes, the literal's character set and collation (collation_connection at creation), the sql_mode
    /// the object runs under (a view may not read variables: '-' there), and '1' || '2' (concatenation under
    /// PIPES_AS_CONCAT, OR otherwise).
    /// </summary>
    private static string Expression(Charset c, string mode, bool view)
    {
        var backslash = mode.Contains("NO_BACKSLASH_ESCAPES", StringComparison.Ordinal) ? @"'a\b'" : @"'a\\b'";
        return $"CONCAT_WS('|', '{c.Text}', HEX('{c.Text}'), HEX({backslash}), HEX({c.FourByte}), CHARSET('{c.Text}'), "
            + $"COLLATION('{c.Text}'), {(view ? "'-'" : "@@SESSION.sql_mode")}, '1' || '2')";
    }

    /// <summary>Runs every object on one server (routines, views, triggers, events) and returns out_t as "kind cell hex" lines.</summary>
    public static async Task<List<string>> RunAllAsync(string connectionString, string db)
    {
        var run = new StringBuilder($"USE {db};\nDELETE FROM out_t;\nDELETE FROM fire_t;\n");
        foreach (var c in Charsets)
        {
            for (var m = 0; m < Modes.Length; m++)
            {
                var cell = $"{c.Name}_{m}";
                run.Append(CultureInfo.InvariantCulture, $"CALL p_{cell}();\nREPLACE INTO out_t SELECT 'function', '{cell}', f_{cell}();\n");
                run.Append(CultureInfo.InvariantCulture, $"REPLACE INTO out_t SELECT 'view', '{cell}', v FROM v_{cell};\n");
            }
        }

        run.Append("INSERT INTO fire_t VALUES (1);\n");
        await ServerPair.ExecAsync(connectionString, run.ToString());
        await RunEventsAsync(connectionString, db);
        return await OutputAsync(connectionString, db);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the event scheduler kept off on both servers: no other test's
    /// <see cref="RunEventsAsync"/> switches it on meanwhile. For work during which this matrix's enabled, due events
    /// exist on a server whose rows are compared: an online migration replays them onto the target, creates them there
    /// at cutover and then validates out_t, which another test switching the scheduler on made differ (seen in CI).
    /// </summary>
    public static async Task<T> WithSchedulerOffAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await SchedulerLock.WaitAsync();
        try
        {
            return await work();
        }
        finally
        {
            SchedulerLock.Release();
        }
    }

    /// <summary>
    /// Events run under the scheduler with their stored session, which is the behaviour to compare: it is switched on
    /// until every event has written its row, then off again (no other test keeps an enabled event that is due).
    /// </summary>
    private static async Task RunEventsAsync(string connectionString, string db)
    {
        var expected = Charsets.Length * Modes.Length;
        // Test classes run in parallel: one may not switch the scheduler off while another waits for its events.
        await SchedulerLock.WaitAsync();
        try
        {
            await ServerPair.ExecAsync(connectionString, "SET GLOBAL event_scheduler = ON");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Convert.ToInt32(await ServerPair.ScalarAsync(connectionString, $"SELECT COUNT(*) FROM {db}.out_t WHERE kind = 'event'"), CultureInfo.InvariantCulture) < expected)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the events of {db} did not all run within 60 s");
                await Task.Delay(200);
            }
        }
        finally
        {
            await ServerPair.ExecAsync(connectionString, "SET GLOBAL event_scheduler = OFF");
            SchedulerLock.Release();
        }
    }

    public static async Task<List<string>> OutputAsync(string connectionString, string db)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand($"SELECT kind, cell, HEX(v) FROM {db}.out_t ORDER BY kind, cell", c);
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)}");
        }

        return rows;
    }

    /// <summary>Text in a client character set's bytes.</summary>
    public static byte[] Encode(string charset, string text)
    {
        Assert.True(Core.Sql.SqlCharset.Of(charset).TryEncode(text, out var bytes), $"{charset} cannot hold the script");
        return bytes;
    }

    /// <summary>One client character set of the matrix.</summary>
    /// <param name="Name">MySQL name (the mariadb client's --default-character-set).</param>
    /// <param name="Collation">collation_connection the objects are created under.</param>
    /// <param name="Text">A non-ASCII literal in this character set.</param>
    /// <param name="FourByte">An expression for a 4-byte character (or its bytes) as this client can write it.</param>
    /// <param name="FourByteHex">The bytes <paramref name="FourByte"/> stands for.</param>
    /// <param name="TimeZone">time_zone the events are created in, or null for the server's.</param>
    internal sealed record Charset(string Name, string Collation, string Text, string FourByte, string FourByteHex, string? TimeZone);

    /// <summary>
    /// The hex of what a routine, trigger or event of cell (<paramref name="c"/>, mode <paramref name="m"/>) writes,
    /// computed here from the literals: the value is in <paramref name="resultCharset"/> (the literal's own character set,
    /// or a function's return type).
    /// </summary>
    public static string Expected(Charset c, int m, string resultCharset)
    {
        ArgumentNullException.ThrowIfNull(c);
        var textHex = Convert.ToHexString(Encode(c.Name, c.Text));
        var concat = Modes[m].Contains("PIPES_AS_CONCAT", StringComparison.Ordinal) ? "12" : "1";
        return Convert.ToHexString(Encode(resultCharset, $"{c.Text}|{textHex}|615C62|{c.FourByteHex}|{c.Name}|{c.Collation}|{Modes[m]}|{concat}"));
    }
}
