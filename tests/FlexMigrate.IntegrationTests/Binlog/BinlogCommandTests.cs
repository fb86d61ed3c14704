using System.Text.Json;
using FlexMigrate.Cli;
using FlexMigrate.Cli.Commands;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Binlog;

/// <summary>`flexmigrate binlog` end to end: JSON lines from a real source, usage errors.</summary>
[Collection(BinlogCollection.Name)]
public sealed class BinlogCommandTests
{
    [Fact]
    public async Task Json_lines_carry_position_gtid_table_op_and_images()
    {
        const string db = "fm_binlog_cli";
        var from = await BinlogTestSupport.CreateTableAsync(db, "(id INT PRIMARY KEY, v VARCHAR(10), d DECIMAL(5,2))");
        await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES (1, 'é', 1.50); UPDATE {db}.t SET v = NULL WHERE id = 1");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliApplication.RunAsync(["binlog", "--source", ServerPair.SourceConnectionString, "--from", from.ToString(), "--to-end", "--json"],
            new CommandConsole(output, error, false));

        Assert.True(code == ExitCodes.Success, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.TryGetProperty("table", out var t) && t.GetString() == $"{db}.t").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("insert", lines[0].GetProperty("op").GetString());
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("before").ValueKind);
        Assert.Equal("é", lines[0].GetProperty("after").GetProperty("v").GetString());
        Assert.Equal("1.50", lines[0].GetProperty("after").GetProperty("d").GetString());
        Assert.Equal("update", lines[1].GetProperty("op").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("after").GetProperty("v").ValueKind);
        Assert.Matches(@"^mysql-bin\.\d+:\d+$", lines[1].GetProperty("position").GetString()!);
        Assert.Matches(@"^0-1-\d+$", lines[1].GetProperty("gtid").GetString()!);
    }

    [Fact]
    public async Task Both_from_and_gtid_is_a_usage_error()
    {
        var error = new StringWriter();

        var code = await CliApplication.RunAsync(["binlog", "--source", "Server=x", "--from", "a.000001:4", "--gtid", "0-1-1"], new CommandConsole(new StringWriter(), error, false));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--from or --gtid", error.ToString(), StringComparison.Ordinal);
    }
}
