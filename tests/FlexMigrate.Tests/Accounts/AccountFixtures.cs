using System.Collections.Immutable;
using System.Text;
using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Tests.Accounts;

/// <summary>
/// MySQL-side fixtures: mysql.user rows as MySQL 5.6/5.7/8.0 return them to SELECT * (column names and value types as
/// MySqlConnector hands them over) and an Azure Flexible Server target whose admin holds the documented privileges.
/// </summary>
internal static class AccountFixtures
{
    /// <summary>
    /// A caching_sha2_password hash as MySQL 8 stores it: "$A$005$", a 20-byte salt of 7-bit random bytes (control
    /// characters included, which is why SHOW CREATE USER prints it as 0x... under print_identified_with_as_hex),
    /// then 43 characters of the SHA-256 crypt digest.
    /// </summary>
    public static byte[] CachingSha2Hash { get; } =
        [.. "$A$005$"u8, 0x0C, 0x77, 0x45, 0x60, 0x36, 0x26, 0x31, 0x3D, 0x61, 0x3C, 0x4C, 0x10, 0x63, 0x3E, 0x0A, 0x10, 0x4B, 0x1E, 0x14, 0x13,
            .. "ZTJxqVrEaOHr4FCTc6TobOlxa2i2u/Eb/OG2sYuWbq9"u8];

    public const string NativeHash = "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19";

    /// <summary>The privileges of Flexible Server's admin login (FlexibleServerRestrictions.CreateUsersUrl) and its dynamic ones.</summary>
    public static readonly string[] FlexibleAdmin =
    [
        "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "RELOAD", "PROCESS", "REFERENCES", "INDEX", "ALTER", "SHOW DATABASES",
        "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE", "REPLICATION SLAVE", "REPLICATION CLIENT", "CREATE VIEW", "SHOW VIEW",
        "CREATE ROUTINE", "ALTER ROUTINE", "CREATE USER", "EVENT", "TRIGGER", "CREATE ROLE", "DROP ROLE",
        "REPLICATION_APPLIER", "ROLE_ADMIN", "SESSION_VARIABLES_ADMIN", "SHOW_ROUTINE", "XA_RECOVER_ADMIN",
    ];

    /// <summary>A MySQL 8.0 mysql.user row (SELECT *, HEX(authentication_string) AS fm_auth_hex).</summary>
    public static Dictionary<string, object?> MySql80Row(string user, string host, string plugin, byte[] hash) => Row(user, host, new()
    {
        ["Select_priv"] = "N",
        ["Super_priv"] = "N",
        ["plugin"] = plugin,
        ["authentication_string"] = Encoding.Latin1.GetString(hash),
        ["password_last_changed"] = new DateTime(2026, 11, 2, 10, 0, 0),
        ["password_lifetime"] = null,
        ["account_locked"] = "N",
        ["Create_role_priv"] = "N",
        ["Drop_role_priv"] = "N",
        ["Password_reuse_history"] = null,
        ["Password_reuse_time"] = null,
        ["Password_require_current"] = null,
        ["User_attributes"] = null,
        ["fm_auth_hex"] = Convert.ToHexString(hash),
    });

    /// <summary>A MySQL 5.6 row: native hashes in Password, plugin empty, no lifetime or lock columns.</summary>
    public static Dictionary<string, object?> MySql56Row(string user, string host, string password) => Row(user, host, new()
    {
        ["Password"] = password,
        ["plugin"] = "",
        ["authentication_string"] = "",
        ["fm_auth_hex"] = "",
    });

    // The columns every version has: account, TLS (BLOBs arrive as byte[]), limits, password_expired.
    private static Dictionary<string, object?> Row(string user, string host, Dictionary<string, object?> versionColumns)
    {
        var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = host,
            ["User"] = user,
            ["ssl_type"] = "",
            ["ssl_cipher"] = Array.Empty<byte>(),
            ["x509_issuer"] = Array.Empty<byte>(),
            ["x509_subject"] = Array.Empty<byte>(),
            ["max_questions"] = 0u,
            ["max_updates"] = 0u,
            ["max_connections"] = 0u,
            ["max_user_connections"] = 0u,
            ["password_expired"] = "N",
        };
        foreach (var (column, value) in versionColumns)
        {
            row[column] = value;
        }

        return row;
    }

    public static ServerVersion MySql80 { get; } = ServerVersion.Parse("8.0.39");

    public static ServerVersion MySql57 { get; } = ServerVersion.Parse("5.7.44-log");

    public static ServerVersion MariaDb1011 { get; } = ServerVersion.Parse("10.11.6-MariaDB");

    /// <summary>An Azure Flexible Server target: admin 'myadmin'@'%' with the documented grants, lower_case_table_names=1.</summary>
    public static AccountTarget Flexible(ServerVersion? version = null, bool partialRevokes = false, params Account[] existing)
    {
        version ??= MySql80;
        var admin = new Account(new AccountName("myadmin", "%"), false)
        {
            Grants = [PrivilegeGrant.Of(GrantObject.Global, version.AtLeast(8, 0) ? FlexibleAdmin : FlexibleAdmin.Where(p => !p.Contains('_') && !p.EndsWith(" ROLE", StringComparison.Ordinal)), grantOption: true)],
        };
        var plugins = version.AtLeast(8, 0)
            ? new HashSet<string> { "mysql_native_password", "sha256_password", "caching_sha2_password" }
            : new HashSet<string> { "mysql_native_password", "sha256_password" };
        return new AccountTarget("myflex.mysql.database.azure.com:3306", true, plugins, new GrantAuthority(admin, true), partialRevokes, true,
            new AccountInventory(version, "myflex", [admin, new Account(new AccountName("azure_superuser", "127.0.0.1"), false), .. existing]));
    }

    /// <summary>A MariaDB target whose login may grant everything.</summary>
    public static AccountTarget MariaDb(params string[] plugins) =>
        new("127.0.0.1:3307", false, plugins.Length > 0 ? plugins.ToHashSet() : ["mysql_native_password", "mysql_old_password", "unix_socket"],
            GrantAuthority.Unlimited(new AccountName("root", "localhost")), false, false, new AccountInventory(MariaDb1011, "vm", []));

    public static PrivilegeGrant Grant(GrantObject on, params string[] privileges) => PrivilegeGrant.Of(on, privileges);

    public static PrivilegeGrant Columns(GrantObject on, string privilege, params string[] columns) =>
        new(on, ImmutableSortedSet<string>.Empty.WithComparer(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal).Add(privilege, columns.ToImmutableSortedSet(StringComparer.OrdinalIgnoreCase)),
            false);

    public static GrantObject Db(string name) => new(GrantLevel.Database, name, "");

    public static GrantObject Table(string db, string name) => new(GrantLevel.Table, db, name);

    public static AccountTranslator Translator(ServerVersion source, AccountTarget target, string? singleServer = null) =>
        new(source, target, _ => true, singleServer);
}
