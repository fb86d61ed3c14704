using System.Text;
using System.Text.RegularExpressions;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Fidelity;

/// <summary>Source-versus-target checks of the <see cref="StoredObjectMatrix"/>, read independently of the engine.</summary>
internal static partial class FidelityAssert
{
    /// <summary>Every matrix object: definition bytes (the DEFINER clause aside: it is rewritten) and session attributes equal.</summary>
    public static async Task StoredObjectsEqualAsync(string db)
    {
        var mismatches = new List<string>();
        foreach (var (kind, name, _) in StoredObjectMatrix.Objects)
        {
            var showKind = kind.ToUpperInvariant();
            var source = await StoredBytes.ShowCreateAsync(ServerPair.SourceConnectionString, showKind, db, name);
            var target = await StoredBytes.ShowCreateAsync(ServerPair.TargetConnectionString, showKind, db, name);
            if (!WithoutDefiner(source.Definition).SequenceEqual(WithoutDefiner(target.Definition)))
            {
                mismatches.Add($"{kind} {name} bytes: {Convert.ToHexString(source.Definition)} / {Convert.ToHexString(target.Definition)}");
            }

            if (source.Session != target.Session)
            {
                mismatches.Add($"{kind} {name} session: {source.Session} / {target.Session}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>SHOW CREATE TABLE bytes equal, and a row of defaults inserted on both sides holds the same bytes.</summary>
    public static async Task TableBytesEqualAsync(string db, string table)
    {
        Assert.Equal(Convert.ToHexString(await ShowCreateTableAsync(ServerPair.SourceConnectionString, db, table)),
            Convert.ToHexString(await ShowCreateTableAsync(ServerPair.TargetConnectionString, db, table)));
        var sql = $"INSERT INTO {db}.{table} (id) VALUES (2); SELECT CONCAT_WS('|', HEX(b), HEX(vb), HEX(c), HEX(u)) FROM {db}.{table} WHERE id = 2";
        var source = await ScalarAsync(ServerPair.SourceConnectionString, sql);
        Assert.Equal("FF01|FE5C27|636166E9|C3BC5C78", source);
        Assert.Equal(source, await ScalarAsync(ServerPair.TargetConnectionString, sql));
    }

    /// <summary>Every object run on both servers writes the same bytes; a few cells are checked against the bytes expected.</summary>
    public static async Task BehaviourEqualAsync(string db)
    {
        var source = await StoredObjectMatrix.RunAllAsync(ServerPair.SourceConnectionString, db);
        var target = await StoredObjectMatrix.RunAllAsync(ServerPair.TargetConnectionString, db);

        Assert.Equal(StoredObjectMatrix.Kinds.Length * StoredObjectMatrix.Charsets.Length * StoredObjectMatrix.Modes.Length, source.Count);
        Assert.Equal(source, target);
        // @@SESSION.sql_mode is UTF-8, so each value is converted to UTF-8; the hex parts keep the literals' own bytes.
        var c = StoredObjectMatrix.Charsets.ToDictionary(x => x.Name);
        Assert.Contains($"procedure gbk_2 {StoredObjectMatrix.Expected(c["gbk"], 2, "utf8mb4")}", target);
        Assert.Contains($"trigger sjis_0 {StoredObjectMatrix.Expected(c["sjis"], 0, "utf8mb4")}", target);
        Assert.Contains($"event latin1_1 {StoredObjectMatrix.Expected(c["latin1"], 1, "utf8mb4")}", target);
        Assert.Contains($"procedure utf8mb3_3 {StoredObjectMatrix.Expected(c["utf8mb3"], 3, "utf8mb4")}", target);
        Assert.Contains($"function utf8mb4_3 {StoredObjectMatrix.Expected(c["utf8mb4"], 3, "utf8mb4")}", target);
    }

    private static byte[] WithoutDefiner(byte[] definition) =>
        Encoding.Latin1.GetBytes(Definer().Replace(Encoding.Latin1.GetString(definition), "DEFINER=*", 1));

    private static async Task<byte[]> ShowCreateTableAsync(string connectionString, string db, string table)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand($"SET SESSION character_set_results = binary, sql_mode = ''; SHOW CREATE TABLE {db}.{table}", c);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (byte[])reader.GetValue(1);
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(sql, c);
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [GeneratedRegex("DEFINER=`[^`]*`@`[^`]*`")]
    private static partial Regex Definer();
}
