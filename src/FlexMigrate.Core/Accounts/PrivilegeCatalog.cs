using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// The privileges each server flavour knows and at which levels, and how a privilege of one flavour is spelled on
/// the other. One place for these facts: MySQL https://dev.mysql.com/doc/refman/8.0/en/privileges-provided.html
/// (static privileges and their levels, table "Permissible Static Privileges for GRANT and REVOKE"), MariaDB
/// https://mariadb.com/kb/en/grant/#privilege-levels (checked against SHOW PRIVILEGES and SHOW GRANTS of MariaDB 10.11).
/// </summary>
public static class PrivilegeCatalog
{
    /// <summary>Stands for every privilege of a level (GRANT OPTION and PROXY excluded).</summary>
    public const string All = "ALL PRIVILEGES";

    /// <summary>Spellings folded to one name: "ALL" for ALL PRIVILEGES; MariaDB's aliases (10.5 renamed
    /// REPLICATION CLIENT to BINLOG MONITOR, accepts REPLICATION REPLICA and REPLICA MONITOR).</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["ALL"] = All,
        ["BINLOG MONITOR"] = "REPLICATION CLIENT",
        ["REPLICATION REPLICA"] = "REPLICATION SLAVE",
        ["REPLICA MONITOR"] = "SLAVE MONITOR",
        ["READ ONLY ADMIN"] = "READ_ONLY ADMIN",
    };

    // Level lists: what "ALL PRIVILEGES" means at that level on that server.
    private static readonly string[] MySqlTable =
        ["SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "REFERENCES", "INDEX", "ALTER", "CREATE VIEW", "SHOW VIEW", "TRIGGER"];

    private static readonly string[] MySqlDatabase =
        [.. MySqlTable, "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE", "CREATE ROUTINE", "ALTER ROUTINE", "EVENT"];

    private static readonly string[] MySqlGlobal57 =
    [
        .. MySqlDatabase, "RELOAD", "SHUTDOWN", "PROCESS", "FILE", "SHOW DATABASES", "SUPER", "REPLICATION SLAVE",
        "REPLICATION CLIENT", "CREATE USER", "CREATE TABLESPACE",
    ];

    private static readonly string[] MySqlGlobal80 = [.. MySqlGlobal57, "CREATE ROLE", "DROP ROLE"];

    private static readonly string[] Routine = ["EXECUTE", "ALTER ROUTINE"];

    /// <summary>MariaDB 10.5.2 split SUPER into these (https://mariadb.com/kb/en/grant/#global-privileges).</summary>
    private static readonly string[] MariaDbSuperSplit =
        ["SET USER", "FEDERATED ADMIN", "CONNECTION ADMIN", "READ_ONLY ADMIN", "REPLICATION SLAVE ADMIN", "REPLICATION MASTER ADMIN", "BINLOG ADMIN", "BINLOG REPLAY"];

    /// <summary>
    /// How a privilege of one flavour is written on the other; null = no equivalent (the translator strips it and
    /// says why). MariaDB names use spaces, MySQL 8 dynamic privileges underscores.
    /// </summary>
    private static readonly Dictionary<string, string?> MariaDbToMySql = new(StringComparer.Ordinal)
    {
        ["DELETE HISTORY"] = null,
        ["SET USER"] = "SET_USER_ID",
        ["FEDERATED ADMIN"] = null,
        ["CONNECTION ADMIN"] = "CONNECTION_ADMIN",
        ["READ_ONLY ADMIN"] = null,
        ["REPLICATION SLAVE ADMIN"] = "REPLICATION_SLAVE_ADMIN",
        ["REPLICATION MASTER ADMIN"] = null,
        ["BINLOG ADMIN"] = "BINLOG_ADMIN",
        ["BINLOG REPLAY"] = null,
        ["SLAVE MONITOR"] = "REPLICATION CLIENT",
        ["SHOW CREATE ROUTINE"] = "SHOW_ROUTINE",
    };

    private static readonly Dictionary<string, string?> MySqlToMariaDb = new(StringComparer.Ordinal)
    {
        ["CREATE ROLE"] = null,
        ["DROP ROLE"] = null,
        ["SET_USER_ID"] = "SET USER",
        ["CONNECTION_ADMIN"] = "CONNECTION ADMIN",
        ["REPLICATION_SLAVE_ADMIN"] = "REPLICATION SLAVE ADMIN",
        ["BINLOG_ADMIN"] = "BINLOG ADMIN",
        ["SHOW_ROUTINE"] = "SHOW CREATE ROUTINE",
    };

    /// <summary>Upper case, single spaces, aliases folded.</summary>
    public static string Canonical(string privilege)
    {
        ArgumentNullException.ThrowIfNull(privilege);
        var name = string.Join(' ', privilege.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        return Aliases.GetValueOrDefault(name, name);
    }

    /// <summary>A MySQL 8 dynamic privilege (written with underscores, e.g. BACKUP_ADMIN).</summary>
    public static bool IsDynamic(string privilege) => privilege.Contains('_', StringComparison.Ordinal) && !privilege.Contains(' ', StringComparison.Ordinal);

    /// <summary>What ALL PRIVILEGES means at <paramref name="level"/> on <paramref name="version"/>'s server (static privileges only).</summary>
    public static IReadOnlyList<string> LevelPrivileges(ServerVersion version, GrantLevel level)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.IsMariaDb ? MariaDb(version, level) : level switch
        {
            GrantLevel.Global => version.AtLeast(8, 0) ? MySqlGlobal80 : MySqlGlobal57,
            GrantLevel.Database => MySqlDatabase,
            GrantLevel.Table => MySqlTable,
            _ => Routine,
        };
    }

    /// <summary>
    /// The name of <paramref name="privilege"/> (canonical, as read from a <paramref name="from"/> server) on a
    /// <paramref name="to"/> server; null when that server has no such privilege.
    /// </summary>
    public static string? Rename(string privilege, ServerVersion from, ServerVersion to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.IsMariaDb == to.IsMariaDb)
        {
            return privilege;
        }

        var map = from.IsMariaDb ? MariaDbToMySql : MySqlToMariaDb;
        if (map.TryGetValue(privilege, out var renamed))
        {
            return renamed;
        }

        // Other MySQL dynamic privileges have no MariaDB counterpart; static names are shared.
        return !from.IsMariaDb && IsDynamic(privilege) ? null : privilege;
    }

    private static string[] MariaDb(ServerVersion version, GrantLevel level)
    {
        // DELETE HISTORY: 10.3.4 (system-versioned tables); the SUPER split: 10.5.2; SLAVE MONITOR: 10.5.9;
        // SHOW CREATE ROUTINE: 11.3.
        var history = version.AtLeast(10, 3, 4) ? new[] { "DELETE HISTORY" } : [];
        var showRoutine = version.AtLeast(11, 3) ? new[] { "SHOW CREATE ROUTINE" } : [];
        return level switch
        {
            GrantLevel.Table => [.. MySqlTable, .. history],
            GrantLevel.Database => [.. MySqlDatabase, .. history, .. showRoutine],
            GrantLevel.Global =>
            [
                .. MySqlGlobal57, .. history,
                .. version.AtLeast(10, 5, 2) ? MariaDbSuperSplit : [],
                .. version.AtLeast(10, 5, 9) ? new[] { "SLAVE MONITOR" } : [],
                .. showRoutine,
            ],
            _ => [.. Routine, .. showRoutine],
        };
    }
}
