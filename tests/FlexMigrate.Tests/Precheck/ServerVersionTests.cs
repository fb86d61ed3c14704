using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Tests.Precheck;

public class ServerVersionTests
{
    [Theory]
    [InlineData("5.5.5-10.11.6-MariaDB", 10, 11, 6, true)]
    [InlineData("10.11.19-MariaDB-0+deb12u1-log", 10, 11, 19, true)]
    [InlineData("11.4.2-MariaDB-ubu2404", 11, 4, 2, true)]
    [InlineData("5.6.47.0", 5, 6, 47, false)]
    [InlineData("5.7.44-log", 5, 7, 44, false)]
    [InlineData("8.0.36", 8, 0, 36, false)]
    [InlineData("8.0.40-0ubuntu0.22.04.1", 8, 0, 40, false)]
    [InlineData("8.4", 8, 4, 0, false)]
    public void Parses_MySQL_MariaDB_and_Azure_version_strings(string text, int major, int minor, int patch, bool mariaDb)
    {
        var v = ServerVersion.Parse(text);

        Assert.Equal((major, minor, patch, mariaDb, text), (v.Major, v.Minor, v.Patch, v.IsMariaDb, v.Text));
    }

    [Fact]
    public void Malformed_text_is_a_FormatException_quoting_it()
    {
        var ex = Assert.Throws<FormatException>(() => ServerVersion.Parse("MariaDB"));

        Assert.Contains("'MariaDB'", ex.Message, StringComparison.Ordinal);
        Assert.False(ServerVersion.TryParse("x.y", out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Compares_by_number_and_names_the_series()
    {
        var v57 = ServerVersion.Parse("5.7.44");
        var v80 = ServerVersion.Parse("8.0.21");

        Assert.True(v57.CompareTo(v80) < 0);
        Assert.True(v80.AtLeast(8, 0, 21));
        Assert.False(v80.AtLeast(8, 0, 30));
        Assert.Equal("8.0", v80.Series);
        Assert.Equal("MySQL 8.0.21", v80.ToString());
        Assert.Equal("MariaDB 10.11.6", ServerVersion.Parse("5.5.5-10.11.6-MariaDB-log").ToString());
    }
}
