using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>
/// A database COMMENT (MariaDB 10.5+) with a backslash, quotes and non-ASCII text arrives unchanged. The writer once
/// quoted it without escaping the backslash, so the target stored "ab" for "a\b".
/// </summary>
public sealed class DatabaseCommentTests
{
    private const string Db = "fm_schema_dbcomment";

    [Fact]
    public async Task Database_comment_with_backslash_and_quotes_is_copied_exactly()
    {
        await SchemaSession.ResetAsync(Db);
        await ServerPair.ExecSourceAsync($@"CREATE DATABASE {Db} CHARACTER SET latin1 COMMENT 'a\\b \\\\n ''q'' é\\'");
        var schema = await new SchemaReader(SchemaSession.Source).ReadAsync(SchemaSelection.Create([Db]));

        await new TargetSchemaWriter(SchemaSession.Target, SchemaOptions.Default).CreateDatabasesAndTablesAsync(schema);

        const string Sql = $"SELECT CONCAT_WS('|', HEX(SCHEMA_COMMENT), DEFAULT_COLLATION_NAME) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{Db}'";
        var source = await ServerPair.ScalarAsync(SchemaSession.Source, Sql);
        Assert.Equal("615C62205C5C6E2027712720C3A95C|latin1_swedish_ci", source);
        Assert.Equal(source, await ServerPair.ScalarAsync(SchemaSession.Target, Sql));
    }
}
