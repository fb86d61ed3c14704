using FlexMigrate.Cli;
using FlexMigrate.Cli.Commands;

namespace FlexMigrate.Tests.Precheck;

public class PrecheckCommandTests
{
    [Theory]
    [InlineData("--mode", "sideways")]
    [InlineData("--tabels", "x")]
    [InlineData("--rows-per-second", "fast")]
    public async Task Bad_usage_exits_2_with_a_message(string option, string value)
    {
        var (exit, error) = await RunAsync("precheck", "--source", "Server=a", "--target", "Server=b", "--databases", "app", option, value);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("flexmigrate precheck: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Databases_are_required()
    {
        var (exit, error) = await RunAsync("precheck", "--source", "Server=a", "--target", "Server=b");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--databases is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_servers_block_with_exit_3()
    {
        var (exit, _) = await RunAsync("precheck", "--source", "Server=127.0.0.1;Port=1;Connection Timeout=3",
            "--target", "Server=127.0.0.1;Port=1;Connection Timeout=3", "--databases", "app", "--no-data-scan");

        Assert.Equal(ExitCodes.PrecheckBlocked, exit);
    }

    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, new CommandConsole(output, error, false));
        return (exit, error.ToString());
    }
}
