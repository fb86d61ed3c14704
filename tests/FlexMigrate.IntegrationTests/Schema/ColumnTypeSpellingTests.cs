using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>
/// The server is the judge of what a spelling means: each spelling MariaDB accepts in CREATE TABLE is declared, and the
/// DATA_TYPE information_schema then reports must be the name (and so the family) <see cref="ColumnTypes"/> gives it.
/// (JSON is left out: MariaDB stores it as LONGTEXT with a CHECK, and reports longtext.)
/// </summary>
public sealed class ColumnTypeSpellingTests
{
    private const string Db = "fm_type_spellings";

    private static readonly string[] Spellings =
    [
        "bool", "boolean", "int1", "tinyint unsigned", "int2", "smallint", "int3", "middleint", "mediumint", "int4", "integer",
        "int(10) unsigned zerofill", "int8", "bigint", "serial", "dec(10,2)", "numeric(12,4)", "fixed(5,1)", "decimal(65,30)",
        "float", "float4", "float(7,3)", "double", "double precision", "real", "float8", "bit(7)", "enum('a','b')",
        "set('x','y')", "date", "datetime(6)", "timestamp(3) null", "time(2)", "year", "char(3)", "character(3)",
        "char(3) binary", "nchar(3)", "national char(3)", "national character(3)", "varchar(9)", "character varying(9)",
        "char varying(9)", "varcharacter(9)", "nvarchar(9)", "national varchar(9)", "national char varying(9)",
        "national character varying(9)", "nchar varchar(9)", "tinytext", "text", "text character set latin1", "mediumtext",
        "long", "long varchar", "longtext", "binary(16)", "varbinary(20)", "tinyblob", "blob", "mediumblob", "long varbinary",
        "longblob", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
        "geometrycollection", "uuid", "inet4", "inet6",
    ];

    [Fact]
    public async Task Every_spelling_the_server_accepts_maps_to_the_data_type_it_stores()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        var columns = string.Join(", ", Spellings.Select((s, i) => $"c{i} {s}"));
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {Db}; CREATE TABLE {Db}.t (id INT, {columns})");

        await using var connection = await ServerPair.OpenSourceAsync();
        await using var command = new MySqlCommand(
            $"SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '{Db}' AND TABLE_NAME = 't' AND COLUMN_NAME <> 'id' ORDER BY ORDINAL_POSITION",
            connection);
        var stored = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(1).ToLowerInvariant());
            }
        }

        Assert.Equal(Spellings.Length, stored.Count);
        var disagreements = Spellings.Zip(stored)
            .Where(p => ColumnTypes.Canonical(p.First) != p.Second || ColumnTypes.FamilyOf(p.First) != ColumnTypes.FamilyOf(p.Second))
            .Select(p => $"{p.First} -> server {p.Second}, ours {ColumnTypes.Canonical(p.First)}")
            .ToList();
        Assert.Empty(disagreements);
    }
}
