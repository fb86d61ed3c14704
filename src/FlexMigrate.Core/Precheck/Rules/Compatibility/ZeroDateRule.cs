using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// compat.zero-date: DATE/DATETIME/TIMESTAMP values the target's sql_mode rejects: zero dates under strict +
/// NO_ZERO_DATE, zero month/day under strict + NO_ZERO_IN_DATE, impossible days (Feb 30) under strict without
/// ALLOW_INVALID_DATES. Counted per column with one scan per table (shared with the other data rules). compat.zero-date-default: a column DEFAULT
/// '0000-00-00' makes CREATE TABLE itself fail under strict + NO_ZERO_DATE (ERROR 1067).
/// See https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html#sqlmode_no_zero_date.
/// </summary>
internal sealed class ZeroDateRule : IPrecheckRule
{
    public const string Id = "compat.zero-date";
    public const string DefaultId = "compat.zero-date-default";

    public PrecheckGroup Group => PrecheckGroup.Compatibility;

    public PrecheckNeeds Needs => PrecheckNeeds.Both;

    public async Task<IReadOnlyList<PrecheckFinding>> EvaluateAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var modes = context.TargetFacts.SqlModes;
        var strict = modes.Contains("STRICT_TRANS_TABLES") || modes.Contains("STRICT_ALL_TABLES");
        var rejectZero = strict && modes.Contains("NO_ZERO_DATE");
        var rejectZeroIn = strict && modes.Contains("NO_ZERO_IN_DATE");
        var rejectInvalid = strict && !modes.Contains("ALLOW_INVALID_DATES");
        var findings = new List<PrecheckFinding>();
        var sqlMode = context.TargetFacts.Variable("sql_mode") ?? "";
        foreach (var table in context.Tables)
        {
            var dateColumns = table.Columns.Where(ColumnKinds.IsDate).ToList();
            if (dateColumns.Count == 0)
            {
                continue;
            }

            if (rejectZero)
            {
                findings.AddRange(dateColumns.Where(c => c.Default?.StartsWith("0000-00-00", StringComparison.Ordinal) == true)
                    .Select(c => new PrecheckFinding(DefaultId, PrecheckSeverity.Error, $"{table.FullName}.{c.Name}",
                        $"Column {table.FullName}.{c.Name} has DEFAULT '{c.Default}' and the target's sql_mode ({sqlMode}) includes NO_ZERO_DATE in strict mode.",
                        "CREATE TABLE fails on the target (ERROR 1067 Invalid default value).",
                        $"ALTER TABLE {SqlText.Qualified(table.Database, table.Name)} ALTER {SqlText.Identifier(c.Name)} DROP DEFAULT; (or a real date) on the source, " +
                        "or remove NO_ZERO_DATE from the target's sql_mode (Azure: server parameter sql_mode).")));
            }

            if (context.Request.ScanData && (rejectZero || rejectZeroIn || rejectInvalid))
            {
                var scan = await context.Data.ScanAsync(table, cancellationToken);
                var finding = Describe(table, scan.BadDates, rejectZero, rejectZeroIn, rejectInvalid, sqlMode);
                if (finding is not null)
                {
                    findings.Add(finding);
                }
            }
        }

        return findings;
    }

    private static PrecheckFinding? Describe(
        TableFacts table, IReadOnlyDictionary<string, BadDateCounts> counts, bool zero, bool zeroIn, bool invalid, string sqlMode)
    {
        var parts = new List<string>();
        var columns = new List<string>();
        foreach (var (column, c) in counts)
        {
            var items = new List<string>();
            if (zero && c.ZeroDates > 0)
            {
                items.Add($"{PrecheckText.Number(c.ZeroDates)} zero dates");
            }

            if (zeroIn && c.ZeroInDates > 0)
            {
                items.Add($"{PrecheckText.Number(c.ZeroInDates)} with a zero month or day");
            }

            if (invalid && c.InvalidDates > 0)
            {
                items.Add($"{PrecheckText.Number(c.InvalidDates)} impossible dates");
            }

            if (items.Count > 0)
            {
                parts.Add($"{column}: {string.Join(", ", items)}");
                columns.Add(column);
            }
        }

        if (parts.Count == 0)
        {
            return null;
        }

        var name = SqlText.Qualified(table.Database, table.Name);
        return new PrecheckFinding(Id, PrecheckSeverity.Error, table.FullName,
            $"Table {table.FullName} holds dates the target rejects with sql_mode {sqlMode}: {string.Join("; ", parts)}.",
            "Inserting those rows fails on the target (ERROR 1292 Incorrect date value) and the copy stops.",
            $"Fix the data on the source, e.g. UPDATE {name} SET {SqlText.Identifier(columns[0])} = NULL WHERE {SqlText.Identifier(columns[0])} + INTERVAL 0 DAY IS NULL; " +
            "(the column must allow NULL), or remove NO_ZERO_DATE/NO_ZERO_IN_DATE (or strict mode) from the target's sql_mode for the migration " +
            "(Azure: server parameter sql_mode).");
    }
}
