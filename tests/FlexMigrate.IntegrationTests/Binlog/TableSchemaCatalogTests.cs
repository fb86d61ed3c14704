using System.Globalization;
using FlexMigrate.Core.Binlog.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Binlog;

/// <summary>
/// The binlog's column lookup (for events without optional metadata) reads columns through the shared schema reader:
/// it must describe each column exactly as the catalog's own query did before it was folded (names in order, type,
/// signedness, collation id; 63 for byte strings, -1 for non-text), here computed by that query independently.
/// </summary>
public sealed class TableSchemaCatalogTests
{
    private const string Db = "fm_binlog_catalog";

    [Fact]
    public async Task Columns_come_from_the_shared_reader_with_the_collation_ids_information_schema_gives()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db} CHARACTER SET latin1;
            CREATE TABLE {Db}.`t-1` (
              id INT UNSIGNED NOT NULL PRIMARY KEY, Big BIGINT, d DECIMAL(10,2) UNSIGNED ZEROFILL,
              name VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, l CHAR(3), n TEXT CHARACTER SET utf8mb3,
              vb VARBINARY(8), bl BLOB, bi BINARY(4), e ENUM('a','b') CHARACTER SET ascii, j JSON, g INT AS (id + 1) VIRTUAL,
              dt DATETIME(3), bt BIT(3), y YEAR
            );
            """);
        var catalog = new TableSchemaCatalog(ServerPair.SourceConnectionString);

        await catalog.LoadAsync(Db, "t-1", CancellationToken.None);

        Assert.True(catalog.TryGet(Db, "t-1", out var columns));
        Assert.Equal(await ExpectedAsync("t-1"), columns);
        Assert.Equal(
            ["id int True -1", "Big bigint False -1", "d decimal True -1", "name varchar False 46", "l char False 8", "vb varbinary False 63",
             "bl blob False 63", "bi binary False 63", "e enum False 11"],
            columns.Where(c => c.Name is not ("n" or "j" or "g" or "dt" or "bt" or "y")).Select(c => $"{c.Name} {c.DataType} {c.IsUnsigned} {c.CollationId}"));
    }

    [Fact]
    public async Task A_table_not_on_the_source_is_a_schema_mismatch_naming_it()
    {
        await ServerPair.ResetDatabasesAsync(Db + "_gone");
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {Db}_gone");
        var catalog = new TableSchemaCatalog(ServerPair.SourceConnectionString);

        var failure = await Assert.ThrowsAsync<FlexMigrate.Core.Binlog.BinlogSchemaMismatchException>(
            () => catalog.LoadAsync(Db + "_gone", "missing", CancellationToken.None));

        Assert.StartsWith($"Table `{Db}_gone`.`missing` appears in the binlog but not in information_schema", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The catalog's query before the fold: COLUMNS joined with COLLATIONS for the id.</summary>
    private static async Task<List<CatalogColumn>> ExpectedAsync(string table)
    {
        const string sql = """
            SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, co.ID
            FROM information_schema.COLUMNS c
            LEFT JOIN information_schema.COLLATIONS co ON co.COLLATION_NAME = c.COLLATION_NAME
            WHERE c.TABLE_SCHEMA = @db AND c.TABLE_NAME = @t
            ORDER BY c.ORDINAL_POSITION
            """;
        await using var connection = await ServerPair.OpenSourceAsync();
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@db", Db);
        command.Parameters.AddWithValue("@t", table);
        var columns = new List<CatalogColumn>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var dataType = reader.GetString(1).ToLowerInvariant();
            var binary = dataType is "binary" or "varbinary" or "tinyblob" or "blob" or "mediumblob" or "longblob";
            columns.Add(new CatalogColumn(reader.GetString(0), dataType, reader.GetString(2).Contains("unsigned", StringComparison.OrdinalIgnoreCase),
                reader.IsDBNull(3) ? (binary ? 63 : -1) : Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture)));
        }

        return columns;
    }
}
