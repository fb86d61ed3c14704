namespace FlexMigrate.Core.Precheck.Rules.Privileges;

/// <summary>
/// privileges.source: per database SELECT (rows), SHOW VIEW (view definitions), TRIGGER (SHOW CREATE TRIGGER) and
/// EVENT (SHOW CREATE EVENT). privileges.replication (online): REPLICATION SLAVE to read the binlog stream and
/// REPLICATION CLIENT (MariaDB 10.5+: BINLOG MONITOR) for SHOW MASTER STATUS / SHOW BINARY LOGS.
/// </summary>
internal sealed class SourcePrivilegesRule : FactRule
{
    public const string Id = "privileges.source";
    public const string ReplicationId = "privileges.replication";

    private static readonly string[] PerDatabase = ["SELECT", "SHOW VIEW", "TRIGGER", "EVENT"];
    private static readonly string[] Replication = ["REPLICATION SLAVE", "REPLICATION CLIENT"];

    public override PrecheckGroup Group => PrecheckGroup.Privileges;

    public override PrecheckNeeds Needs => PrecheckNeeds.Source;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var source = context.SourceFacts;
        if (source.Grants is null)
        {
            yield return PrivilegeFindings.Unreadable(source);
            yield break;
        }

        foreach (var db in context.Schema.Databases)
        {
            var missing = source.Grants.Missing(PerDatabase, db.Name);
            if (missing.Count > 0)
            {
                yield return PrivilegeFindings.Missing(Id, source, db.Name, missing,
                    "The copy reads every table (SELECT) and recreates views, triggers and events from their definitions (SHOW VIEW, TRIGGER, EVENT).");
            }
        }

        var replication = context.Online ? source.Grants.Missing(Replication, null) : [];
        if (replication.Count > 0)
        {
            yield return new PrecheckFinding(ReplicationId, PrecheckSeverity.Error, source.Label,
                $"{PrecheckText.Account(source.CurrentUser)} lacks {string.Join(", ", replication)} (global).",
                "An online migration reads the source's binlog as a replica (REPLICATION SLAVE) and reads binlog positions (REPLICATION CLIENT).",
                $"GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO {PrecheckText.Account(source.CurrentUser)}; " +
                "(Azure Single Server: the server admin has both.)");
        }
    }
}
