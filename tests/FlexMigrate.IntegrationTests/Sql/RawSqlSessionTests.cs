using System.Text;
using FlexMigrate.Core.Sql;
using FlexMigrate.IntegrationTests.Fidelity;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Sql;

/// <summary>Statements reach the server as their exact bytes under the session state given with them.</summary>
public sealed class RawSqlSessionTests
{
    private const string Db = "fm_raw_session";

    [Theory]
    [InlineData("latin1", "latin1_swedish_ci", "caf\u00e9 \u00f0\u0178\u02dc\u20ac")]
    [InlineData("gbk", "gbk_chinese_ci", "\u4e2d\u6587 \u4e57")]       // 乗 is 0x81 0x5C in gbk: a backslash byte inside a character
    [InlineData("sjis", "sjis_japanese_ci", "\u8868\u30bd\u80fd")]    // 表 ソ 能 end in 0x5C in sjis
    [InlineData("utf8mb3", "utf8mb3_general_ci", "caf\u00e9 \u20ac")]
    [InlineData("utf8mb4", "utf8mb4_unicode_ci", "caf\u00e9 \U0001F600")]
    public async Task Statement_bytes_are_stored_as_sent_under_the_client_character_set(string charset, string collation, string text)
    {
        await ServerPair.ResetDatabasesAsync(Db + "_" + charset);
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {Db}_{charset}");
        Assert.True(SqlCharset.Of(charset).TryEncode($"CREATE PROCEDURE p() SELECT '{text}' AS a, 'x\\\\y' AS b", out var bytes));
        var state = new SessionState { SqlMode = "", CharacterSetClient = charset, CollationConnection = collation };

        await using (var session = await RawSqlSession.OpenAsync(ServerPair.TargetConnectionString, "target", CancellationToken.None))
        {
            var outcome = await session.ExecuteAsync(new StatementBytes(bytes, SqlCharset.Of(charset)), state, $"{Db}_{charset}", CancellationToken.None);
            Assert.Empty(outcome.SkippedSettings);
            Assert.Empty(outcome.SqlMode.Dropped);
        }

        var (definition, attributes) = await StoredBytes.ShowCreateAsync(ServerPair.TargetConnectionString, "PROCEDURE", $"{Db}_{charset}", "p");
        var body = bytes.AsSpan(bytes.AsSpan().IndexOf("SELECT"u8)).ToArray();
        Assert.True(definition.AsSpan().EndsWith(body), $"{Convert.ToHexString(definition)} does not end with {Convert.ToHexString(body)}");
        Assert.Equal($"{charset}|{collation}|utf8mb4_general_ci|", attributes);
    }

    [Fact]
    public async Task Flags_the_target_lacks_are_dropped_and_named_and_errors_keep_their_number()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {Db}");
        await using var session = await RawSqlSession.OpenAsync(ServerPair.TargetConnectionString, "target", CancellationToken.None);
        var state = new SessionState { SqlMode = "PIPES_AS_CONCAT,FM_NOT_A_MODE,ANSI_QUOTES" };

        var outcome = await session.ExecuteAsync(StatementBytes.FromText("CREATE PROCEDURE p() SELECT 'a' || 'b' AS \"j\""), state, Db, CancellationToken.None);
        var error = await Assert.ThrowsAsync<RawSqlException>(() => session.ExecuteAsync(StatementBytes.FromText("CREATE PROCEDURE"), state, Db, CancellationToken.None));
        var rows = (await session.ExecuteAsync(StatementBytes.FromText("SELECT @@sql_mode, 'a' || 'b'"), state, Db, CancellationToken.None)).Rows;

        Assert.Equal("PIPES_AS_CONCAT,ANSI_QUOTES", outcome.SqlMode.Mode);
        Assert.Equal(["FM_NOT_A_MODE"], outcome.SqlMode.Dropped);
        Assert.Equal(1064, error.Number);
        Assert.Equal("PIPES_AS_CONCAT,ANSI_QUOTES|ab", string.Join("|", rows[0].Select(v => Encoding.UTF8.GetString(v!))));
        Assert.Equal("PIPES_AS_CONCAT,ANSI_QUOTES", (await StoredBytes.ShowCreateAsync(ServerPair.TargetConnectionString, "PROCEDURE", Db, "p")).Session.Split('|')[3]);
    }
}
