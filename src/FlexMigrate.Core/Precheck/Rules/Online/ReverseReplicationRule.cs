namespace FlexMigrate.Core.Precheck.Rules.Online;

/// <summary>
/// reverse.*: online with --reverse-after-cutover, the old source is kept in sync from the target after the cutover
/// (docs/online.md#rollback-after-cutover). The target's binlog is then what is read, so every source binlog rule
/// (log_bin, ROW format, FULL row image, row value options, retention; server parameters from Resource Manager fill in
/// what the server does not show) applies to the target too; the migration user reads it as a replica there and
/// writes rows, DDL, triggers and events on the source, through the read_only the cutover set.
/// </summary>
internal sealed class ReverseReplicationRule : FactRule
{
    public const string PrivilegesId = "reverse.privileges";

    private static readonly BinlogSettingRule[] BinlogRules =
        [new LogBinRule(), new BinlogFormatRule(), new BinlogRowImageRule(), new BinlogRowValueOptionsRule(), new BinlogRetentionRule()];

    private static readonly string[] SourceWrites = ["INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "INDEX", "TRIGGER", "EVENT"];
    private static readonly string[] Replication = ["REPLICATION SLAVE", "REPLICATION CLIENT"];

    public override PrecheckGroup Group => PrecheckGroup.Online;

    public override PrecheckNeeds Needs => PrecheckNeeds.Both;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        if (!context.Online || !context.Request.ReverseAfterCutover)
        {
            return [];
        }

        var binlog = BinlogRules.SelectMany(rule => rule.CheckServer(context, context.TargetFacts)).Select(f => f with
        {
            Rule = "reverse." + f.Rule[(f.Rule.IndexOf('.', StringComparison.Ordinal) + 1)..],
            Message = "Reverse replication after the cutover reads the target's binlog: " + f.Message,
        });
        return binlog.Concat(Privileges(context));
    }

    private static IEnumerable<PrecheckFinding> Privileges(PrecheckContext context)
    {
        var (source, target) = (context.SourceFacts, context.TargetFacts);
        if (target.Grants?.Missing(Replication, null) is { Count: > 0 } replication)
        {
            yield return new PrecheckFinding(PrivilegesId, PrecheckSeverity.Error, target.Label,
                $"{PrecheckText.Account(target.CurrentUser)} lacks {string.Join(", ", replication)} (global) on the target.",
                "After the cutover the target's binlog is read as a replica (REPLICATION SLAVE) and its positions (REPLICATION CLIENT).",
                $"GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO {PrecheckText.Account(target.CurrentUser)}; (Flexible Server: the admin has both.)");
        }

        if (source.Grants is not { } grants)
        {
            yield break;
        }

        foreach (var db in context.Schema.Databases)
        {
            if (grants.Missing(SourceWrites, db.Name) is { Count: > 0 } missing)
            {
                yield return new PrecheckFinding(PrivilegesId, PrecheckSeverity.Error, source.Label,
                    $"{PrecheckText.Account(source.CurrentUser)} lacks {string.Join(", ", missing)} on {db.Name} on the source.",
                    "Reverse replication writes the target's rows and DDL to the source and drops and re-creates its triggers and events.",
                    $"GRANT {string.Join(", ", SourceWrites)} ON `{db.Name}`.* TO {PrecheckText.Account(source.CurrentUser)};");
            }
        }

        if (grants.Missing(["SUPER"], null).Count > 0 && grants.Missing(["READ_ONLY ADMIN"], null).Count > 0)
        {
            yield return new PrecheckFinding(PrivilegesId, PrecheckSeverity.Warning, source.Label,
                $"{PrecheckText.Account(source.CurrentUser)} has neither SUPER nor READ_ONLY ADMIN on the source.",
                "With --stop-writes read-only the cutover leaves the source read-only, and only such an account writes through read_only: reverse replication would fail on its first row.",
                "Grant READ_ONLY ADMIN (MySQL 8.0.27+/MariaDB 10.11) or SUPER to the migration user, or cut over with --stop-writes confirmed and keep the applications off the source yourself.");
        }
    }
}
