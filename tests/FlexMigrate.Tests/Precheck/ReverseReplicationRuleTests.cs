using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Precheck.Rules.Online;
using static FlexMigrate.Tests.Precheck.Facts;

namespace FlexMigrate.Tests.Precheck;

/// <summary>reverse.*: with --reverse-after-cutover the source's binlog rules apply to the target, and the migration
/// user needs replication on the target and writes (through read_only) on the source.</summary>
public class ReverseReplicationRuleTests
{
    [Fact]
    public async Task Target_binlog_rules_apply_only_with_reverse_after_cutover()
    {
        var source = Server("source", "8.0.36");
        var target = Server("target", "8.0.36", new() { ["binlog_format"] = "MIXED", ["binlog_row_image"] = "MINIMAL" });
        var schema = SchemaOf(Table("app", "t"));

        var reverse = await EvaluateAsync(new ReverseReplicationRule(), Reverse(Context(source, target, schema, PrecheckMode.Online)));
        var forwardOnly = await EvaluateAsync(new ReverseReplicationRule(), Context(source, target, schema, PrecheckMode.Online));

        Assert.Equal(
            [("reverse.binlog-format", PrecheckSeverity.Error), ("reverse.binlog-retention", PrecheckSeverity.Info), ("reverse.binlog-row-image", PrecheckSeverity.Error)],
            reverse.Select(f => (f.Rule, f.Severity)).Order().ToList());
        Assert.All(reverse, f => Assert.Equal("target tgt:3306", f.Object));
        Assert.All(reverse, f => Assert.StartsWith("Reverse replication after the cutover reads the target's binlog: ", f.Message, StringComparison.Ordinal));
        Assert.Empty(forwardOnly);
    }

    [Fact]
    public async Task A_target_without_binlog_gives_one_finding()
    {
        var target = Server("target", "10.11.6-MariaDB", new() { ["log_bin"] = "OFF" });

        var findings = await EvaluateAsync(new ReverseReplicationRule(),
            Reverse(Context(Server("source", "8.0.36"), target, SchemaOf(Table("app", "t")), PrecheckMode.Online)));

        Assert.Equal("reverse.log-bin", Assert.Single(findings).Rule);
    }

    [Fact]
    public async Task Missing_privileges_name_the_server_and_the_grant()
    {
        var source = Server("source", "8.0.36", grants: ["GRANT SELECT, SHOW VIEW, TRIGGER, EVENT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `root`@`localhost`"]);
        var target = Server("target", "8.0.36", grants: ["GRANT ALL PRIVILEGES ON `app`.* TO `root`@`localhost`"]);

        var findings = (await EvaluateAsync(new ReverseReplicationRule(), Reverse(Context(source, target, SchemaOf(Table("app", "t")), PrecheckMode.Online))))
            .Where(f => f.Rule == ReverseReplicationRule.PrivilegesId).ToList();

        Assert.Equal(
            [
                ("target tgt:3306", PrecheckSeverity.Error, "lacks REPLICATION SLAVE, REPLICATION CLIENT (global) on the target"),
                ("source src:3306", PrecheckSeverity.Error, "lacks INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX on app on the source"),
                ("source src:3306", PrecheckSeverity.Warning, "has neither SUPER nor READ_ONLY ADMIN on the source"),
            ],
            findings.Select(f => (f.Object, f.Severity, f.Message[(f.Message.IndexOf(' ', StringComparison.Ordinal) + 1)..].TrimEnd('.'))).ToList());
    }

    private static PrecheckContext Reverse(PrecheckContext context) =>
        context with { Request = context.Request with { ReverseAfterCutover = true } };
}
