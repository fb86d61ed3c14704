using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// MariaDB-only objects that a MySQL target cannot hold: compat.mariadb-sequence (CREATE SEQUENCE),
/// compat.mariadb-system-versioned (WITH SYSTEM VERSIONING), compat.mariadb-type (INET4, INET6, UUID columns).
/// </summary>
internal sealed class MariaDbFeatureRule : FactRule
{
    public const string SequenceId = "compat.mariadb-sequence";
    public const string VersionedId = "compat.mariadb-system-versioned";
    public const string TypeId = "compat.mariadb-type";

    private static readonly Dictionary<string, string> TypeReplacements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["inet6"] = "VARBINARY(16) (or VARCHAR(39) text)",
        ["inet4"] = "INT UNSIGNED (or VARCHAR(15) text)",
        ["uuid"] = "BINARY(16) (or CHAR(36) text)",
    };

    public override PrecheckGroup Group => PrecheckGroup.Compatibility;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        if (!context.TargetIsMySql)
        {
            yield break;
        }

        foreach (var t in context.Tables)
        {
            var name = SqlText.Qualified(t.Database, t.Name);
            if (t.Type == "SEQUENCE")
            {
                yield return new PrecheckFinding(SequenceId, PrecheckSeverity.Error, t.FullName,
                    $"{t.FullName} is a MariaDB SEQUENCE.", "MySQL has no sequences; CREATE SEQUENCE fails on the target.",
                    $"Replace it with an AUTO_INCREMENT column (or a one-row counter table) on the source, then DROP SEQUENCE {name}; or leave it out with --exclude-tables {t.FullName}.");
            }
            else if (t.Type == "SYSTEM VERSIONED")
            {
                yield return new PrecheckFinding(VersionedId, PrecheckSeverity.Error, t.FullName,
                    $"{t.FullName} is a MariaDB system-versioned table.", "MySQL has no system versioning; the history rows and the table definition do not load.",
                    $"ALTER TABLE {name} DROP SYSTEM VERSIONING; on the source (history is lost: export it first if needed), or exclude the table.");
            }

            foreach (var c in t.Columns.Where(c => TypeReplacements.ContainsKey(c.DataType)))
            {
                yield return new PrecheckFinding(TypeId, PrecheckSeverity.Error, $"{t.FullName}.{c.Name}",
                    $"Column {t.FullName}.{c.Name} has the MariaDB-only type {c.ColumnType.ToUpperInvariant()}.",
                    "MySQL has no such type; CREATE TABLE fails on the target.",
                    $"ALTER TABLE {name} MODIFY {SqlText.Identifier(c.Name)} {TypeReplacements[c.DataType]}; on the source (convert the values accordingly).");
            }
        }
    }
}
