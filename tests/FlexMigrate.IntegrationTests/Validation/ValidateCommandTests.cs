using FlexMigrate.Cli;
using FlexMigrate.Cli.Commands;
using FlexMigrate.Core.Validation;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Validation;

/// <summary>The `flexmigrate validate` command end to end, and the per-chunk engine API an orchestration fans out over.</summary>
public sealed class ValidateCommandTests : IAsyncLifetime
{
    private const string Database = "fm_validate_cli";

    public async Task InitializeAsync()
    {
        await ServerPair.ResetDatabasesAsync(Database);
        var create = $"""
            CREATE DATABASE {Database};
            USE {Database};
            CREATE TABLE {Database}.orders (id BIGINT UNSIGNED PRIMARY KEY, amount DECIMAL(12,2) NOT NULL, note VARCHAR(20) NULL);
            INSERT INTO {Database}.orders SELECT seq, seq / 100, IF(seq MOD 7 = 0, NULL, CONCAT('n', seq)) FROM seq_1_to_5000;
            """;
        await ServerPair.ExecSourceAsync(create);
        await ServerPair.ExecTargetAsync(create);
    }

    public Task DisposeAsync() => ServerPair.ResetDatabasesAsync(Database);

    private static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(["validate", .. args], new CommandConsole(output, error, IsInteractive: false));
        return (exit, output.ToString(), error.ToString());
    }

    private static string[] Connection(params string[] more) =>
        ["--source", ServerPair.SourceConnectionString, "--target", ServerPair.TargetConnectionString, "--databases", Database, .. more];

    [Fact]
    public async Task Equal_copy_exits_0_and_a_difference_exits_1_with_the_key_in_text_and_json()
    {
        var json = Path.Combine(Path.GetTempPath(), $"fm-validate-{Guid.NewGuid():N}.json");
        try
        {
            var equal = await RunAsync(Connection("--chunk-rows", "1000"));
            Assert.True(equal.Exit == ExitCodes.Success, equal.Out + equal.Error);
            Assert.Contains("EQUAL: 1 tables, 5,000 rows", equal.Out, StringComparison.Ordinal);

            await ServerPair.ExecTargetAsync($"UPDATE {Database}.orders SET note = '' WHERE id = 4242");
            var different = await RunAsync(Connection("--json", json, "--parallelism", "2"));
            Assert.Equal(ExitCodes.Failed, different.Exit);
            Assert.Contains("changed: 1: 4242 [note]", different.Out, StringComparison.Ordinal);

            var report = ValidationReport.FromJson(await File.ReadAllTextAsync(json));
            var table = Assert.Single(report.Tables);
            Assert.Equal((TableStatus.Different, 5000L, 1L), (table.Status, table.RowsCompared, table.Changed.Total));
            Assert.Equal(["note"], table.Changed.Rows.Single().Columns);
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Theory]
    [InlineData("--databases", "", "--databases")]
    [InlineData("--paralelism", "4", "Unknown option --paralelism")]
    [InlineData("--parallelism", "0", "--parallelism takes a whole number from 1 to 64")]
    public async Task Bad_usage_exits_2_and_says_what_is_wrong(string option, string value, string message)
    {
        var args = option == "--databases"
            ? ["--source", ServerPair.SourceConnectionString, "--target", ServerPair.TargetConnectionString]
            : Connection(option, value);
        var result = await RunAsync(args);
        Assert.Equal(ExitCodes.Usage, result.Exit);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_database_exits_2_naming_it()
    {
        var result = await RunAsync("--source", ServerPair.SourceConnectionString, "--target", ServerPair.TargetConnectionString, "--databases", "fm_validate_nope");
        Assert.Equal(ExitCodes.Usage, result.Exit);
        Assert.Contains("Database 'fm_validate_nope' does not exist on the source server", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunk_by_chunk_api_gives_the_same_result_as_the_whole_table()
    {
        await ServerPair.ExecTargetAsync($"DELETE FROM {Database}.orders WHERE id = 17; UPDATE {Database}.orders SET amount = amount + 0.01 WHERE id = 3999");
        var options = new ValidationOptions { ChunkRows = 1000, RowLevelThreshold = 50 };
        var table = new TableRef(Database, "orders");
        var source = ServerPair.SourceConnectionString;
        var target = ServerPair.TargetConnectionString;

        var plan = await TableValidator.PlanAsync(source, target, table, options, CancellationToken.None);
        Assert.Null(plan.Problem);
        // Chunk count follows InnoDB's row estimate (about 5 here); what matters is several chunks covering every row.
        Assert.True(plan.Chunks.Count > 2, $"expected several chunks, got {plan.Chunks.Count}");
        var chunks = new List<ChunkValidationResult>();
        for (var i = plan.Chunks.Count - 1; i >= 0; i--)
        {
            chunks.Add(await TableValidator.ValidateChunkAsync(source, target, plan, i, options, CancellationToken.None));
        }

        var merged = TableValidator.Summarize(plan, chunks, options, TimeSpan.Zero);
        var whole = await TableValidator.ValidateTableAsync(source, target, table, options, CancellationToken.None);
        foreach (var result in new[] { merged, whole })
        {
            Assert.Equal((TableStatus.Different, 5000L, 4999L), (result.Status, result.SourceRows, result.TargetRows));
            Assert.Equal(["17"], result.Missing.Keys);
            Assert.Equal("3999", result.Changed.Rows.Single().Key);
            Assert.Equal(["amount"], result.Changed.Rows.Single().Columns);
        }
    }

    [Fact]
    public async Task Missing_table_on_target_is_an_error_result_naming_it()
    {
        await ServerPair.ExecTargetAsync($"RENAME TABLE {Database}.orders TO {Database}.orders_old");
        var result = await TableValidator.ValidateTableAsync(
            ServerPair.SourceConnectionString, ServerPair.TargetConnectionString, new TableRef(Database, "orders"), new ValidationOptions(), CancellationToken.None);
        Assert.Equal(TableStatus.Error, result.Status);
        Assert.Equal($"Table {Database}.orders does not exist on the target.", result.Message);
    }
}
