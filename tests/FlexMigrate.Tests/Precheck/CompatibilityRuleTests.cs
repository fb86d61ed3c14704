using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Precheck.Rules.Compatibility;
using static FlexMigrate.Tests.Precheck.Facts;

namespace FlexMigrate.Tests.Precheck;

/// <summary>Rules whose broken condition needs a MySQL server (not installable here), checked on facts as MySQL reports them.</summary>
public class CompatibilityRuleTests
{
    private static readonly ServerFacts MariaSource = Server("source", "10.11.6-MariaDB-log");
    private static readonly ServerFacts MySql80 = Server("target", "8.0.36", collations: ["utf8mb4_0900_ai_ci", "utf8mb4_general_ci", "utf8mb3_general_ci"]);

    [Fact]
    public async Task MariaDB_sequences_versioned_tables_and_types_are_errors_on_a_MySQL_target()
    {
        var schema = SchemaOf(
            Table("app", "seq", type: "SEQUENCE"),
            Table("app", "history", type: "SYSTEM VERSIONED"),
            Table("app", "hosts", columns: [Column("id"), Column("addr", "inet6"), Column("ref", "uuid")]));

        var findings = await EvaluateAsync(new MariaDbFeatureRule(), Context(MariaSource, MySql80, schema));
        var onMaria = await EvaluateAsync(new MariaDbFeatureRule(), Context(MariaSource, Server("target", "10.11.6-MariaDB"), schema));

        Assert.Equal(
            ["compat.mariadb-sequence app.seq", "compat.mariadb-system-versioned app.history", "compat.mariadb-type app.hosts.addr", "compat.mariadb-type app.hosts.ref"],
            findings.Select(f => $"{f.Rule} {f.Object}"));
        Assert.All(findings, f => Assert.Equal(PrecheckSeverity.Error, f.Severity));
        Assert.Empty(onMaria);
    }

    [Fact]
    public async Task Collation_the_target_lacks_is_an_error_and_utf8mb3_a_warning_on_80()
    {
        var schema = SchemaOf(Table("app", "t", columns:
        [
            Column("id"), Column("name", "varchar", "utf8mb4_uca1400_ai_ci"), Column("old", "varchar", "utf8mb3_general_ci"),
        ]));

        var findings = await EvaluateAsync(new CollationRule(), Context(MariaSource, MySql80, schema));

        var collation = Assert.Single(findings, f => f.Rule == "compat.collation");
        Assert.Equal(("utf8mb4_uca1400_ai_ci", PrecheckSeverity.Error), (collation.Object, collation.Severity));
        Assert.Contains("app.t.name", collation.Message, StringComparison.Ordinal);
        Assert.Contains("COLLATE utf8mb4_0900_ai_ci", collation.Remedy, StringComparison.Ordinal);
        var utf8 = Assert.Single(findings, f => f.Rule == "compat.utf8mb3");
        Assert.Equal(("app", PrecheckSeverity.Warning), (utf8.Object, utf8.Severity));
        Assert.Equal(2, findings.Count);
    }

    [Theory]
    [InlineData("utf8mb3_general_ci", "utf8_general_ci", true)]
    [InlineData("utf8_general_ci", "utf8mb3_general_ci", true)]
    [InlineData("utf8mb4_general_ci", "utf8_general_ci", false)]
    public void Utf8_collation_names_match_across_the_utf8mb3_rename(string used, string listed, bool known) =>
        Assert.Equal(known, CollationRule.Known(new HashSet<string>([listed]), used));

    [Fact]
    public async Task Invisible_primary_key_warns_for_keyless_tables_and_fails_on_my_row_id()
    {
        var target = Server("target", "8.0.36", new() { ["sql_generate_invisible_primary_key"] = "ON" });
        var schema = SchemaOf(
            Table("app", "keyed"),
            Table("app", "heap", primaryKey: false),
            Table("app", "clash", primaryKey: false, columns: [Column("my_row_id", "bigint")]));

        var findings = await EvaluateAsync(new InvisiblePrimaryKeyRule(), Context(MariaSource, target, schema));

        Assert.Equal(
            ["compat.invisible-primary-key app.heap Warning", "compat.invisible-primary-key-conflict app.clash Error"],
            findings.Select(f => $"{f.Rule} {f.Object} {f.Severity}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Functions_need_trust_function_creators_on_a_logging_target_without_SUPER()
    {
        var target = Server("target", "8.0.36", new() { ["log_bin_trust_function_creators"] = "OFF" }, [AzureFlexibleAdmin], "admin@%");
        var schema = SchemaOf(Table("app", "t")) with
        {
            Objects = [new StoredObjectFacts(StoredObjectKind.Function, "app", "f", "admin@%", "DEFINER", "RETURN 1", null, "utf8mb4_general_ci")],
        };

        var finding = Assert.Single(await EvaluateAsync(new FunctionCreatorsRule(), Context(MariaSource, target, schema)));
        var trusted = await EvaluateAsync(new FunctionCreatorsRule(),
            Context(MariaSource, target with { Variables = new Dictionary<string, string>(target.Variables) { ["log_bin_trust_function_creators"] = "ON" } }, schema));

        Assert.Equal(("compat.log-bin-trust-function-creators", PrecheckSeverity.Error, "target tgt:3306"), (finding.Rule, finding.Severity, finding.Object));
        Assert.Contains("log_bin_trust_function_creators = ON", finding.Remedy, StringComparison.Ordinal);
        Assert.Empty(trusted);
    }

    [Fact]
    public async Task Other_definers_need_SUPER_which_an_Azure_admin_lacks()
    {
        var target = Server("target", "8.0.36", grants: [AzureFlexibleAdmin], currentUser: "admin@%", accounts: ["admin@%", "app@%"]);
        var schema = SchemaOf(Table("app", "t")) with
        {
            Objects =
            [
                new StoredObjectFacts(StoredObjectKind.View, "app", "v", "app@%", "DEFINER", "select 1", null, null),
                new StoredObjectFacts(StoredObjectKind.View, "app", "mine", "admin@%", "DEFINER", "select 1", null, null),
            ],
        };

        var findings = await EvaluateAsync(new DefinerRule(), Context(MariaSource, target, schema));

        var finding = Assert.Single(findings);
        Assert.Equal(("compat.definer-needs-super", PrecheckSeverity.Warning, "app.v"), (finding.Rule, finding.Severity, finding.Object));
    }

    [Fact]
    public async Task Names_reserved_on_the_target_are_warnings()
    {
        var schema = SchemaOf(Table("app", "scores", columns: [Column("id"), Column("rank")]));

        var findings = await EvaluateAsync(new ReservedWordRule(), Context(MariaSource, MySql80, schema));

        var finding = Assert.Single(findings);
        Assert.Equal(("compat.reserved-word", PrecheckSeverity.Warning, "app.scores.rank"), (finding.Rule, finding.Severity, finding.Object));
    }

    [Fact]
    public async Task Named_time_zones_need_the_target_time_zone_tables()
    {
        var emptyZones = Server("target", "8.0.36", timeZoneNames: 0);
        var schema = SchemaOf(Table("app", "t")) with
        {
            Objects =
            [
                new StoredObjectFacts(StoredObjectKind.Event, "app", "nightly", "root@localhost", "DEFINER", "DELETE FROM t", "Europe/Berlin", null),
                new StoredObjectFacts(StoredObjectKind.Event, "app", "offset", "root@localhost", "DEFINER", "DELETE FROM t", "+02:00", null),
                new StoredObjectFacts(StoredObjectKind.View, "app", "local", "root@localhost", "DEFINER",
                    "select convert_tz(`t`.`at`,'UTC','America/New_York') AS `x` from `t`", null, null),
            ],
        };

        var findings = await EvaluateAsync(new TimeZoneTablesRule(), Context(MariaSource, emptyZones, schema));
        var loaded = await EvaluateAsync(new TimeZoneTablesRule(), Context(MariaSource, Server("target", "8.0.36"), schema));

        Assert.Equal(["app.nightly Error", "app.local Warning"], findings.Select(f => $"{f.Object} {f.Severity}"));
        Assert.Contains("'UTC'", findings[1].Message, StringComparison.Ordinal);
        Assert.Empty(loaded);
    }

    [Fact]
    public async Task Rows_larger_than_the_target_packet_are_errors_with_a_sized_remedy()
    {
        var source = Server("source", "10.11.6-MariaDB-log", new() { ["max_allowed_packet"] = "1073741824" });
        var target = Server("target", "8.0.36", new() { ["max_allowed_packet"] = "4194304" });
        var schema = SchemaOf(Table("app", "files", columns: [Column("id"), Column("body", "longblob")]), Table("app", "narrow"));

        var findings = await EvaluateAsync(new MaxAllowedPacketRule(), Context(source, target, schema, data: new FixedData(100_000_000)));

        var finding = Assert.Single(findings);
        Assert.Equal(("compat.max-allowed-packet", PrecheckSeverity.Error, "app.files"), (finding.Rule, finding.Severity, finding.Object));
        Assert.Contains("max_allowed_packet = 268435456", finding.Remedy, StringComparison.Ordinal);
        Assert.Contains("the target's max_allowed_packet", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_larger_than_the_source_packet_are_errors_too()
    {
        // The source must send the row in one packet as the target must receive it in one.
        var source = Server("source", "10.11.6-MariaDB-log", new() { ["max_allowed_packet"] = "16777216" });
        var target = Server("target", "8.0.36", new() { ["max_allowed_packet"] = "1073741824" });
        var schema = SchemaOf(Table("app", "files", columns: [Column("id"), Column("body", "longblob")]));

        var findings = await EvaluateAsync(new MaxAllowedPacketRule(), Context(source, target, schema, data: new FixedData(67_108_864)));

        var finding = Assert.Single(findings);
        Assert.Equal((PrecheckSeverity.Error, "app.files"), (finding.Severity, finding.Object));
        Assert.Contains("the source's max_allowed_packet", finding.Message, StringComparison.Ordinal);
        Assert.Contains("on the source", finding.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_date_defaults_fail_create_table_on_a_NO_ZERO_DATE_target()
    {
        var strict = Server("target", "8.0.36", new() { ["sql_mode"] = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION" });
        var schema = SchemaOf(Table("app", "t", columns: [Column("id"), Column("born", "date", @default: "0000-00-00")]));

        var findings = await EvaluateAsync(new ZeroDateRule(), Context(MariaSource, strict, schema));

        var finding = Assert.Single(findings);
        Assert.Equal(("compat.zero-date-default", PrecheckSeverity.Error, "app.t.born"), (finding.Rule, finding.Severity, finding.Object));
    }
}
