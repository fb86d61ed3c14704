using FlexMigrate.Core.Validation;

namespace FlexMigrate.Tests.Validation;

public class ValidationReportTests
{
    private static readonly TableValidationPlan Plan = new(
        new TableRef("db", "t"),
        new TableShape([Columns.Int("id")], ["id"]),
        new TableShape([Columns.Int("id")], ["id"]),
        [new ChunkBounds(null, ["10"]), new ChunkBounds(["10"], null)],
        null);

    [Fact]
    public void Summary_merges_chunks_in_order_and_caps_listed_keys()
    {
        var chunks = new[]
        {
            new ChunkValidationResult(1, 5, 4, new DifferingKeys(2, ["12", "13"]), DifferingKeys.None, ChangedRows.None),
            new ChunkValidationResult(0, 10, 10, new DifferingKeys(1, ["3"]), DifferingKeys.None, new ChangedRows(1, [new ChangedRow("4", ["v"])])),
        };
        var result = TableValidator.Summarize(Plan, chunks, new ValidationOptions { MaxKeysPerKind = 2 }, TimeSpan.FromSeconds(1));
        Assert.Equal(TableStatus.Different, result.Status);
        Assert.Equal((15L, 15L, 14L, 2), (result.RowsCompared, result.SourceRows, result.TargetRows, result.Chunks));
        Assert.Equal(3, result.Missing.Total);
        Assert.Equal(["3", "12"], result.Missing.Keys);
        Assert.Equal("4", result.Changed.Rows.Single().Key);
    }

    [Fact]
    public void Equal_chunks_make_an_equal_table_and_report()
    {
        var chunks = new[]
        {
            new ChunkValidationResult(0, 10, 10, DifferingKeys.None, DifferingKeys.None, ChangedRows.None),
            new ChunkValidationResult(1, 7, 7, DifferingKeys.None, DifferingKeys.None, ChangedRows.None),
        };
        var table = TableValidator.Summarize(Plan, chunks, new ValidationOptions(), TimeSpan.Zero);
        var report = ValidationReport.Create(["db"], [table], new SchemaComparison(3, []), TimeSpan.FromSeconds(2));
        Assert.True(report.Equal);
        Assert.Equal(17, report.RowsCompared);
    }

    [Fact]
    public void Json_uses_camel_case_and_status_words()
    {
        var table = new TableValidationResult("db", "t", TableStatus.Different, 3, 3, 2, 1,
            new DifferingKeys(1, ["'a'"]), DifferingKeys.None, ChangedRows.None, null, 0.5);
        var report = ValidationReport.Create(["db"], [table],
            new SchemaComparison(1, [new SchemaDifference("index", "db.t.ix", SchemaDifferenceKind.Missing, "BTREE (a)", null)]), TimeSpan.Zero);
        var json = report.ToJson();
        Assert.Contains("\"status\": \"different\"", json, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var missing = document.RootElement.GetProperty("tables")[0].GetProperty("missing");
        Assert.Equal(1, missing.GetProperty("total").GetInt64());
        Assert.Equal("'a'", missing.GetProperty("keys")[0].GetString());
        Assert.Contains("\"'a'\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"missing\"", json, StringComparison.Ordinal);
        var back = ValidationReport.FromJson(json);
        Assert.Equal(TableStatus.Different, back.Tables[0].Status);
        Assert.Equal(["'a'"], back.Tables[0].Missing.Keys);
    }

    [Fact]
    public void A_plan_problem_becomes_an_error_result()
    {
        var result = TableValidator.Summarize(Plan with { Problem = "Table db.t does not exist on the target." }, [], new ValidationOptions(), TimeSpan.Zero);
        Assert.Equal(TableStatus.Error, result.Status);
        Assert.Equal("Table db.t does not exist on the target.", result.Message);
    }

    [Fact]
    public void Scope_matches_plain_and_qualified_names()
    {
        var scope = new ValidationScope(["db", "other"], ["t", "other.u"], ["db.t"]);
        Assert.False(scope.Includes(new TableRef("db", "t")));
        Assert.True(scope.Includes(new TableRef("other", "t")));
        Assert.True(scope.Includes(new TableRef("other", "u")));
        Assert.False(scope.Includes(new TableRef("db", "u")));
    }
}
