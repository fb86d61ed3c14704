namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// compat.collation / compat.charset: a collation or character set used on the source (database defaults, tables,
/// columns, stored objects) that the target's information_schema does not list, e.g. MariaDB's utf8mb4_uca1400_ai_ci
/// on MySQL, or MySQL 8's utf8mb4_0900_ai_ci on 5.7. CREATE statements using it fail (ERROR 1273 / 1115).
/// compat.utf8mb3: on MySQL 8.0+ the 3-byte utf8 is deprecated (still loads; cannot store 4-byte characters).
/// </summary>
internal sealed class CollationRule : FactRule
{
    public const string CollationId = "compat.collation";
    public const string CharsetId = "compat.charset";
    public const string Utf8Mb3Id = "compat.utf8mb3";

    public override PrecheckGroup Group => PrecheckGroup.Compatibility;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var target = context.TargetFacts;
        foreach (var (collation, users) in Usages(context.Schema, c => c.Collation, t => t.Collation, d => d.Collation, o => o.CollationConnection))
        {
            if (!Known(target.Collations, collation))
            {
                var charset = collation.Split('_')[0];
                yield return new PrecheckFinding(CollationId, PrecheckSeverity.Error, collation,
                    $"Collation {collation} is used by {Describe(users)} but does not exist on the target ({target.Version}).",
                    "Creating the database, table or column with it fails (ERROR 1273 Unknown collation).",
                    $"Convert on the source before migrating, e.g. ALTER TABLE <table> CONVERT TO CHARACTER SET {charset} COLLATE {Replacement(collation, target)}; " +
                    $"or use a target version that has {collation}.");
            }
        }

        foreach (var (charset, users) in Usages(context.Schema, c => c.CharacterSet, _ => null, d => d.CharacterSet, _ => null))
        {
            if (!Known(target.CharacterSets, charset))
            {
                yield return new PrecheckFinding(CharsetId, PrecheckSeverity.Error, charset,
                    $"Character set {charset} is used by {Describe(users)} but does not exist on the target ({target.Version}).",
                    "Creating the database, table or column with it fails (ERROR 1115 Unknown character set).",
                    "Convert on the source before migrating, e.g. ALTER TABLE <table> CONVERT TO CHARACTER SET utf8mb4;");
            }
        }

        if (!target.Version.IsMariaDb && target.Version.AtLeast(8, 0))
        {
            foreach (var group in Utf8Mb3Users(context.Schema).GroupBy(u => u.Database, StringComparer.Ordinal))
            {
                var names = group.Select(u => u.Name).Distinct(StringComparer.Ordinal).ToList();
                yield return new PrecheckFinding(Utf8Mb3Id, PrecheckSeverity.Warning, group.Key,
                    $"{names.Count} objects in {group.Key} use the 3-byte utf8 (utf8mb3) character set: {Describe(names)}.",
                    "MySQL 8.0 deprecates utf8mb3; it loads unchanged but cannot store 4-byte characters (emoji, some CJK) and will be removed.",
                    $"Optional, after the migration: ALTER TABLE <table> CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci; (check index length limits first).");
            }
        }
    }

    /// <summary>MySQL 8.0.30+ reports utf8 collations as utf8mb3_*, older servers as utf8_*; MariaDB 10.6+ as utf8mb3_*.</summary>
    internal static bool Known(IReadOnlySet<string> names, string name) =>
        names.Contains(name)
        || (name.StartsWith("utf8mb3", StringComparison.OrdinalIgnoreCase) && names.Contains("utf8" + name[7..]))
        || (name.StartsWith("utf8", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("utf8mb", StringComparison.OrdinalIgnoreCase)
            && names.Contains("utf8mb3" + name[4..]));

    private static string Replacement(string collation, ServerFacts target) =>
        collation.Contains("uca1400", StringComparison.OrdinalIgnoreCase) && !target.Version.IsMariaDb && target.Version.AtLeast(8, 0)
            ? "utf8mb4_0900_ai_ci"
            : collation.StartsWith("utf8mb4", StringComparison.OrdinalIgnoreCase) ? "utf8mb4_unicode_520_ci"
            : collation.Split('_')[0] + "_general_ci";

    private static List<(string Name, List<string> Users)> Usages(
        SchemaFacts schema,
        Func<ColumnFacts, string?> column,
        Func<TableFacts, string?> table,
        Func<DatabaseFacts, string?> database,
        Func<StoredObjectFacts, string?> stored)
    {
        var uses = schema.Databases.Select(d => (Name: database(d), User: d.Name))
            .Concat(schema.Tables.Select(t => (Name: table(t), User: t.FullName)))
            .Concat(schema.Tables.SelectMany(t => t.Columns.Select(c => (Name: column(c), User: $"{t.FullName}.{c.Name}"))))
            .Concat(schema.Objects.Select(o => (Name: stored(o), User: o.FullName)));
        return uses.Where(u => !string.IsNullOrEmpty(u.Name))
            .GroupBy(u => u.Name!, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, g.Select(u => u.User).ToList()))
            .ToList();
    }

    private static IEnumerable<(string Database, string Name)> Utf8Mb3Users(SchemaFacts schema)
    {
        static bool IsUtf8Mb3(string? charsetOrCollation) =>
            charsetOrCollation is not null
            && (charsetOrCollation.Equals("utf8", StringComparison.OrdinalIgnoreCase)
                || charsetOrCollation.StartsWith("utf8_", StringComparison.OrdinalIgnoreCase)
                || charsetOrCollation.StartsWith("utf8mb3", StringComparison.OrdinalIgnoreCase));

        return schema.Tables.Where(t => IsUtf8Mb3(t.Collation) || t.Columns.Any(c => IsUtf8Mb3(c.CharacterSet)))
            .Select(t => (t.Database, t.FullName));
    }

    private static string Describe(IReadOnlyList<string> users) =>
        users.Count <= 5 ? string.Join(", ", users) : $"{string.Join(", ", users.Take(5))} and {users.Count - 5} more";
}
