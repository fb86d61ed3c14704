using FlexMigrate.Core.Validation;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Validation;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.IntegrationTests.Orchestration;

/// <summary>The validation orchestration (what `POST /api/migrations/{id}/validate` starts) on the real pair.</summary>
public class ValidationOrchestrationTests
{
    private const string Db = "fm_orch_validate";

    [Fact]
    public async Task Validating_after_a_migration_names_the_rows_changed_since()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db}; USE {Db};
            CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(10) NOT NULL); INSERT INTO a SELECT seq, CONCAT('v', seq) FROM seq_1_to_300;
            CREATE TABLE b (k VARBINARY(4) PRIMARY KEY, n DOUBLE NULL); INSERT INTO b SELECT UNHEX(HEX(seq)), seq / 3 FROM seq_1_to_50;
            """);
        var request = InProcessMigration.Request([Db], new MigrationOptions(Validate: false, ChunkRows: 100));
        Assert.Equal(MigrationOutcome.Succeeded, InProcessMigration.ReportOf(await InProcessMigration.RunAsync(request)).Outcome);

        var clean = await InProcessMigration.RunOrchestrationAsync(nameof(ValidationOrchestrator), request);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, clean.RuntimeStatus);
        Assert.True(clean.ReadOutputAs<ValidationReport>()!.Equal);

        await ServerPair.ExecTargetAsync($"DELETE FROM {Db}.a WHERE id = 77; UPDATE {Db}.b SET n = n + 1e-12 WHERE k = UNHEX(HEX(7))");
        var meta = await InProcessMigration.RunOrchestrationAsync(nameof(ValidationOrchestrator), request);
        var report = meta.ReadOutputAs<ValidationReport>()!;

        Assert.False(report.Equal);
        Assert.Equal(350, report.RowsCompared);
        var a = Assert.Single(report.Tables, t => t.Table == "a");
        Assert.Equal(["77"], a.Missing.Keys);
        var b = Assert.Single(report.Tables, t => t.Table == "b");
        Assert.Equal(["n"], Assert.Single(b.Changed.Rows).Columns);
    }
}
