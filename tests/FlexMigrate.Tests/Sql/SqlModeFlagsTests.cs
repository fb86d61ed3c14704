using FlexMigrate.Core.Sql;

namespace FlexMigrate.Tests.Sql;

public sealed class SqlModeFlagsTests
{
    [Theory]
    [InlineData(0UL, false, "")]
    [InlineData(0x100006UL, false, "PIPES_AS_CONCAT,ANSI_QUOTES,NO_BACKSLASH_ESCAPES")]
    [InlineData(1436549152UL, false, "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION")]
    [InlineData(0x1_0000_0010UL, false, "TIME_TRUNCATE_FRACTIONAL")]
    [InlineData(0x1_0000_0010UL, true, "IGNORE_BAD_TABLE_OPTIONS,EMPTY_STRING_IS_NULL")]
    [InlineData(0x6_0000_0000UL, true, "SIMULTANEOUS_ASSIGNMENT,TIME_ROUND_FRACTIONAL")]
    public void Binlog_bits_name_the_flags_of_each_server(ulong bits, bool mariaDb, string names) =>
        Assert.Equal(names, SqlModeFlags.FromBits(bits, mariaDb));

    [Fact]
    public void Bits_no_server_defines_are_refused() =>
        Assert.Throws<FormatException>(() => SqlModeFlags.FromBits(1UL << 40, mariaDb: false));

    [Theory]
    [InlineData("NO_AUTO_CREATE_USER", false, "MySQL 8.0 never does")]
    [InlineData("MSSQL", false, "stay")]
    [InlineData("EMPTY_STRING_IS_NULL", true, "'' is no longer read as NULL")]
    [InlineData("FM_UNKNOWN", true, "check the object behaves the same")]
    public void Dropped_flags_say_what_changes(string flag, bool changesBehaviour, string text)
    {
        var (changes, note) = SqlModeFlags.Dropped(flag);

        Assert.Equal(changesBehaviour, changes);
        Assert.Contains(text, note, StringComparison.Ordinal);
        Assert.StartsWith($"without sql_mode flag {flag}, which the target does not know", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("STRICT_TRANS_TABLES,no_backslash_escapes", true)]
    [InlineData("NO_BACKSLASH_ESCAPESX", false)]
    [InlineData(null, false)]
    public void Backslash_mode_is_read_flag_by_flag(string? mode, bool expected) => Assert.Equal(expected, SqlModeFlags.NoBackslashEscapes(mode));
}
