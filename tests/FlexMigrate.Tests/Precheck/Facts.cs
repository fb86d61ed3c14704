using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Tests.Precheck;

/// <summary>Builds the facts rules read, as a real server would report them, so rules are tested without a server.</summary>
internal static class Facts
{
    public const string AllPrivileges = "GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION";

    /// <summary>What Azure Flexible Server's admin holds: no SUPER, no SET_USER_ID.</summary>
    public const string AzureFlexibleAdmin =
        "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, PROCESS, REFERENCES, INDEX, ALTER, SHOW DATABASES, " +
        "CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, REPLICATION SLAVE, REPLICATION CLIENT, CREATE VIEW, SHOW VIEW, " +
        "CREATE ROUTINE, ALTER ROUTINE, CREATE USER, EVENT, TRIGGER ON *.* TO `admin`@`%` WITH GRANT OPTION";

    public static ServerFacts Server(
        string role,
        string version,
        Dictionary<string, string>? variables = null,
        string[]? grants = null,
        string currentUser = "root@localhost",
        string[]? collations = null,
        string[]? accounts = null,
        long? timeZoneNames = 1800,
        string[]? existingTables = null)
    {
        var vars = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["log_bin"] = "ON",
            ["binlog_format"] = "ROW",
            ["binlog_row_image"] = "FULL",
            ["binlog_expire_logs_seconds"] = "604800",
            ["lower_case_table_names"] = "0",
            ["sql_mode"] = "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION",
            ["max_allowed_packet"] = "67108864",
            ["have_ssl"] = "YES",
        };
        foreach (var (k, v) in variables ?? [])
        {
            vars[k] = v;
        }

        return new ServerFacts(role, role == "source" ? "src:3306" : "tgt:3306", ServerVersion.Parse(version), vars, currentUser,
            GrantSet.Parse(grants ?? [AllPrivileges], vars["lower_case_table_names"] != "0"), false,
            (collations ?? ["utf8mb4_general_ci", "utf8mb4_unicode_ci", "latin1_swedish_ci"]).ToHashSet(StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(["utf8mb4", "latin1", "utf8mb3"], StringComparer.OrdinalIgnoreCase),
            (accounts ?? ["root@localhost"]).ToHashSet(StringComparer.Ordinal), timeZoneNames,
            (existingTables ?? []).ToHashSet(StringComparer.Ordinal));
    }

    public static ColumnFacts Column(string name, string dataType = "int", string? collation = null, string? @default = null, bool autoIncrement = false) =>
        new(name, dataType, dataType, true, collation?.Split('_')[0], collation, @default, autoIncrement);

    public static TableFacts Table(string db, string name, bool primaryKey = true, string type = "BASE TABLE", string engine = "InnoDB",
        params ColumnFacts[] columns) =>
        new(db, name, type, engine, 10, 16384, "utf8mb4_general_ci", primaryKey, false, columns.Length == 0 ? [Column("id")] : columns);

    public static SchemaFacts SchemaOf(params TableFacts[] tables) =>
        new(tables.Select(t => t.Database).Distinct().Select(d => new DatabaseFacts(d, "utf8mb4", "utf8mb4_general_ci")).ToList(), [], tables, []);

    public static PrecheckContext Context(ServerFacts source, ServerFacts target, SchemaFacts schema,
        PrecheckMode mode = PrecheckMode.Offline, ISourceData? data = null, double copySeconds = 0)
    {
        var capacity = CapacityEstimator.Estimate(schema, CopyRate.Default, null) with { EstimatedCopySeconds = copySeconds };
        return new PrecheckContext(new PrecheckRequest("", "", schema.Databases.Select(d => d.Name).ToList(), mode), source, target, schema,
            capacity, data ?? new FixedData(0));
    }

    public static async Task<IReadOnlyList<PrecheckFinding>> EvaluateAsync(IPrecheckRule rule, PrecheckContext context) =>
        await rule.EvaluateAsync(context, CancellationToken.None);

    /// <summary>Source data with fixed answers: every table's largest LOB row is <paramref name="maxBytes"/>.</summary>
    internal sealed class FixedData(long maxBytes) : ISourceData
    {
        public Task<TableScan> ScanAsync(TableFacts table, CancellationToken cancellationToken) =>
            Task.FromResult(new TableScan(table.Columns.Where(ColumnKinds.IsDate).ToDictionary(c => c.Name, _ => new BadDateCounts(0, 0, 0)), maxBytes));
    }
}
