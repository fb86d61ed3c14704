using FlexMigrate.Core.Validation;

namespace FlexMigrate.IntegrationTests.Validation;

public sealed class DatabaseValidatorTests(ValidationFixture fixture) : IClassFixture<ValidationFixture>
{
    private TableValidationResult DiffTable(string name) => fixture.Diff.Tables.Single(t => t.Table == name);

    [Fact]
    public void Untouched_copy_validates_clean_with_every_row_counted()
    {
        var report = fixture.Clean;
        Assert.True(report.Equal, string.Join("\n", report.Tables.Where(t => t.Status != TableStatus.Equal).Select(t => $"{t.Table}: {t.Message} {t.Changed.Rows.FirstOrDefault()}"))
            + string.Join("\n", report.Schema.Differences));
        var rows = report.Tables.ToDictionary(t => t.Table, t => (t.Status, t.SourceRows, t.TargetRows));
        Assert.Equal((TableStatus.Equal, 3000L, 3000L), rows["ckey"]);
        Assert.Equal((TableStatus.Equal, 20000L, 20000L), rows["big"]);
        Assert.Equal((TableStatus.Equal, 4L, 4L), rows["nopk"]);
        Assert.Equal((TableStatus.Equal, 3000L, 3000L), rows["skey"]);
        Assert.Equal((TableStatus.Equal, 34L, 34L), rows["types"]);
        Assert.Equal(3000 + 20000 + 4 + 3000 + 34, report.RowsCompared);
        Assert.Empty(report.Schema.Differences);
    }

    [Fact]
    public void Changed_value_in_each_type_family_is_reported_with_key_and_column()
    {
        var types = DiffTable("types");
        var expected = new Dictionary<string, string>
        {
            ["101"] = "i", ["102"] = "dec1", ["103"] = "f", ["104"] = "d", ["105"] = "dt", ["106"] = "tm", ["107"] = "vc",
            ["108"] = "bl", ["109"] = "js", ["110"] = "e", ["111"] = "s", ["112"] = "bt", ["113"] = "g",
            ["114"] = "vc", // '' on the source, NULL on the target
            ["115"] = "vc", // 'abc' vs 'abc ' (equal under PAD SPACE collations, different bytes)
            ["116"] = "bin", // BINARY(4) 'a\0\0\0' vs 'a  '
            ["117"] = "ts",
        };
        Assert.Equal(TableStatus.Different, types.Status);
        Assert.Equal(expected.Count, types.Changed.Total);
        Assert.Equal(expected, types.Changed.Rows.ToDictionary(r => r.Key, r => string.Join(",", r.Columns)));
    }

    [Fact]
    public void Missing_and_extra_rows_are_reported_by_key()
    {
        var types = DiffTable("types");
        Assert.Equal(["120"], types.Missing.Keys);
        Assert.Equal(1, types.Missing.Total);
        Assert.Equal(["999"], types.Extra.Keys);
        Assert.Equal(1, types.Extra.Total);
        Assert.Equal((34L, 34L), (types.SourceRows, types.TargetRows));

        var big = DiffTable("big");
        Assert.Equal(["20001"], big.Extra.Keys);
        Assert.Equal(0, big.Missing.Total);
        var changed = Assert.Single(big.Changed.Rows);
        Assert.Equal(("15001", "v"), (changed.Key, string.Join(",", changed.Columns)));
    }

    [Fact]
    public void String_and_composite_keys_are_shown_as_quoted_values()
    {
        var skey = DiffTable("skey");
        Assert.Equal(["'k2999'"], skey.Missing.Keys);
        var changed = Assert.Single(skey.Changed.Rows);
        Assert.Equal(("'k0500'", "v"), (changed.Key, string.Join(",", changed.Columns)));
        Assert.True(skey.Chunks > 1, "the string key should have been walked into several chunks");

        var ckey = DiffTable("ckey");
        var composite = Assert.Single(ckey.Changed.Rows);
        Assert.Equal(("(2, 'c')", "v"), (composite.Key, string.Join(",", composite.Columns)));
        Assert.Equal(0, ckey.Missing.Total + ckey.Extra.Total);
    }

    [Fact]
    public void Table_without_key_compares_as_multiset_and_names_the_removed_duplicate()
    {
        var nopk = DiffTable("nopk");
        Assert.Equal(TableStatus.Different, nopk.Status);
        Assert.Equal(["(1, 'dup')"], nopk.Missing.Keys);
        Assert.Equal((1L, 0L, 0L), (nopk.Missing.Total, nopk.Extra.Total, nopk.Changed.Total));
        Assert.Equal((4L, 3L), (nopk.SourceRows, nopk.TargetRows));
    }

    [Fact]
    public void Changed_trigger_and_dropped_index_are_the_only_schema_differences()
    {
        var differences = fixture.Diff.Schema.Differences.Select(d => (d.ObjectType, d.Name, d.Kind)).ToList();
        Assert.Equal(
            [
                ("index", "fm_validate_diff.types.ix_vc", SchemaDifferenceKind.Missing),
                ("trigger", "fm_validate_diff.trg", SchemaDifferenceKind.Changed),
            ],
            differences);
        var trigger = fixture.Diff.Schema.Differences.Single(d => d.ObjectType == "trigger");
        Assert.Contains("NEW.i + 1", trigger.Source, StringComparison.Ordinal);
        Assert.Contains("NEW.i + 2", trigger.Target, StringComparison.Ordinal);
        Assert.False(fixture.Diff.Equal);
    }

    [Fact]
    public void Report_round_trips_through_json_with_status_strings()
    {
        var json = fixture.Diff.ToJson();
        Assert.Contains("\"status\": \"different\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"missing\"", json, StringComparison.Ordinal);
        var back = ValidationReport.FromJson(json);
        Assert.Equal(fixture.Diff.Tables.Select(t => (t.Table, t.Status, t.Changed.Total)), back.Tables.Select(t => (t.Table, t.Status, t.Changed.Total)));
        Assert.Equal(fixture.Diff.Schema.Differences, back.Schema.Differences);
    }
}
