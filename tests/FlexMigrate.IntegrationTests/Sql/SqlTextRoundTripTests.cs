using System.Text;
using FlexMigrate.Core.Sql;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Sql;

/// <summary>
/// Awkward names and values written with <see cref="SqlText"/> come back from the real server exactly: names through
/// CREATE and information_schema, literals through SELECT HEX(...) under the default mode and NO_BACKSLASH_ESCAPES.
/// </summary>
public sealed class SqlTextRoundTripTests
{
    private static readonly string[] Names =
    [
        "fm_sqltext", "we`ird", "``", "quote'd", "back\\slash", "dou\"ble", "sp ace", "dot.ted", "ünïcødé_表", "select",
        new string('x', 64),
    ];

    private static readonly string[] Values =
    [
        "", "plain", "it's", "a\\b", "\\", "\\'", "''", "tab\tnew\nline\r", "n\0l", "%_", "ünïcødé 表", "😀 4-byte", "\u001a",
    ];

    [Fact]
    public async Task Names_survive_create_and_information_schema()
    {
        const string Db = "fm_sqltext_names";
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {SqlText.Identifier(Db)}");
        foreach (var (name, i) in Names.Select((n, i) => (n, i)))
        {
            await ServerPair.ExecSourceAsync(
                $"CREATE TABLE {SqlText.Qualified(Db, name)} ({SqlText.Identifier(name)} INT, {SqlText.Identifier("c" + i)} INT)");
        }

        await using var c = await ServerPair.OpenSourceAsync();
        await using var cmd = new MySqlCommand(
            "SELECT TABLE_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @db AND ORDINAL_POSITION = 1 AND COLUMN_NAME = TABLE_NAME", c);
        cmd.Parameters.AddWithValue("@db", Db);
        var found = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found.Add(reader.GetString(0));
            }
        }

        Assert.Equal(Names.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task String_literals_read_back_as_written_in_both_backslash_modes(bool noBackslashEscapes)
    {
        await using var c = await ServerPair.OpenSourceAsync();
        await ExecAsync(c, $"SET SESSION sql_mode = {SqlText.Literal(noBackslashEscapes ? "NO_BACKSLASH_ESCAPES" : "", noBackslashEscapes: false)}, NAMES utf8mb4");
        foreach (var value in Values)
        {
            var hex = await ScalarAsync(c, $"SELECT HEX({SqlText.Literal(value, noBackslashEscapes)})");
            Assert.True(Convert.ToHexString(Encoding.UTF8.GetBytes(value)) == hex, $"{value}: {hex}");
        }
    }

    [Fact]
    public async Task Hex_literals_keep_bytes_and_character_set()
    {
        await using var c = await ServerPair.OpenSourceAsync();
        await ExecAsync(c, "SET NAMES utf8mb4");
        Assert.Equal("00FF5C27|binary", await ScalarAsync(c, $"SELECT CONCAT_WS('|', HEX({SqlText.HexLiteral([0x00, 0xFF, 0x5C, 0x27])}), CHARSET({SqlText.HexLiteral([1])}))"));
        Assert.Equal("E9|latin1|é", await ScalarAsync(c, $"SELECT CONCAT_WS('|', HEX({SqlText.HexLiteral([0xE9], "latin1")}), CHARSET({SqlText.HexLiteral([0xE9], "latin1")}), {SqlText.HexLiteral([0xE9], "latin1")})"));
    }

    private static async Task ExecAsync(MySqlConnection c, string sql)
    {
        await using var cmd = new MySqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(MySqlConnection c, string sql)
    {
        await using var cmd = new MySqlCommand(sql, c);
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
