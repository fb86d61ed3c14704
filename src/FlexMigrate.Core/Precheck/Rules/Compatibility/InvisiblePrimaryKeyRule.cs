namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// MySQL 8.0.30+ sql_generate_invisible_primary_key adds `my_row_id` BIGINT UNSIGNED AUTO_INCREMENT INVISIBLE PRIMARY KEY
/// to tables created without a key. compat.invisible-primary-key (warning): the target table gets that extra column.
/// compat.invisible-primary-key-conflict (error): the table already has a column named my_row_id or an
/// AUTO_INCREMENT column, and CREATE TABLE fails (ER_GIPK_COLUMN_EXISTS / ER_GIPK_FAILED_AUTOINC_COLUMN_EXISTS).
/// See https://dev.mysql.com/doc/refman/8.0/en/create-table-gipks.html.
/// </summary>
internal sealed class InvisiblePrimaryKeyRule : FactRule
{
    public const string Id = "compat.invisible-primary-key";
    public const string ConflictId = "compat.invisible-primary-key-conflict";

    public override PrecheckGroup Group => PrecheckGroup.Compatibility;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        if (!context.TargetFacts.IsOn("sql_generate_invisible_primary_key"))
        {
            yield break;
        }

        const string remedy = "Add a primary key on the source, or turn sql_generate_invisible_primary_key OFF on the target for the migration " +
                              "(Azure: server parameter sql_generate_invisible_primary_key).";
        foreach (var t in context.Tables.Where(t => t.Type != "SEQUENCE" && !t.HasPrimaryKey))
        {
            var conflict = t.Columns.FirstOrDefault(c => c.Name.Equals("my_row_id", StringComparison.OrdinalIgnoreCase))
                           ?? t.Columns.FirstOrDefault(c => c.IsAutoIncrement);
            yield return conflict is not null
                ? new PrecheckFinding(ConflictId, PrecheckSeverity.Error, t.FullName,
                    $"Table {t.FullName} has no primary key and has column {conflict.Name}" +
                    (conflict.Name.Equals("my_row_id", StringComparison.OrdinalIgnoreCase) ? "" : " (AUTO_INCREMENT)") +
                    ", while the target has sql_generate_invisible_primary_key=ON.",
                    "The target cannot add its invisible my_row_id key to this table, so CREATE TABLE fails.", remedy)
                : new PrecheckFinding(Id, PrecheckSeverity.Warning, t.FullName,
                    $"Table {t.FullName} has no primary key; the target (sql_generate_invisible_primary_key=ON) adds an invisible my_row_id column.",
                    "The target table then differs from the source (an extra invisible column and key); SELECT * is unchanged.", remedy);
        }
    }
}
