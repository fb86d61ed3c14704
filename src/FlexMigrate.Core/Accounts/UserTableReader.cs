using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using MySqlConnector;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Reads account attributes from mysql.user on MySQL 5.6-8.x and MariaDB before 10.4 (where mysql.user is still a
/// table). Columns differ by version, so each is read only when present: Password (5.6, MariaDB),
/// password_lifetime and account_locked (5.7.6+), Password_reuse_* and User_attributes (8.0), is_role,
/// default_role and max_statement_time (MariaDB). https://dev.mysql.com/doc/refman/8.0/en/grant-tables.html#grant-tables-user-db
/// </summary>
internal static class UserTableReader
{
    /// <summary>A pre-4.1 hash (16 hex digits) belongs to mysql_old_password, which MySQL 5.7+ no longer has.</summary>
    private const int OldPasswordHashLength = 16;

    public static async Task<List<Account>> ReadAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        // HEX() keeps a binary salt intact (MySQL 8's caching_sha2_password hashes are not valid text).
        await using var command = new MySqlCommand("SELECT *, HEX(authentication_string) AS fm_auth_hex FROM mysql.user", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<Account>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            accounts.Add(Read(row));
        }

        return accounts;
    }

    /// <summary>One mysql.user row (column name -> value, null for SQL NULL; fm_auth_hex = HEX(authentication_string)).</summary>
    internal static Account Read(IReadOnlyDictionary<string, object?> columns) => Read(new Row(columns));

    private static Account Read(Row row)
    {
        var name = new AccountName(row.Text("User"), row.Text("Host"));
        var attributes = row.Json("User_attributes");
        var locking = attributes is { } a && a.TryGetProperty("Password_locking", out var l) ? l : (JsonElement?)null;
        return new Account(name, row.Flag("is_role"))
        {
            Credentials = Credentials(row),
            Tls = Tls(row.Text("ssl_type"), row.Text("ssl_cipher"), row.Text("x509_issuer"), row.Text("x509_subject")),
            Limits = new ResourceLimits(row.Long("max_questions"), row.Long("max_updates"), row.Long("max_connections"),
                row.Long("max_user_connections"), row.Double("max_statement_time")),
            Password = new PasswordPolicy(
                Expired: row.Flag("password_expired"),
                LifetimeDays: row.NullableInt("password_lifetime"),
                History: row.NullableInt("Password_reuse_history"),
                ReuseIntervalDays: row.NullableInt("Password_reuse_time"),
                RequireCurrent: row.Has("Password_require_current") && !row.IsNull("Password_require_current") ? row.Flag("Password_require_current") : null,
                FailedLoginAttempts: locking is { } fl && fl.TryGetProperty("failed_login_attempts", out var f) ? f.GetInt32() : 0,
                PasswordLockDays: locking is { } pl && pl.TryGetProperty("password_lock_time_days", out var p) ? p.GetInt32() : 0),
            Locked = row.Flag("account_locked"),
            DefaultRoles = row.Text("default_role") is { Length: > 0 } role ? [new AccountName(role, "")] : [],
            // Compact JSON, so the same metadata read from two servers compares equal whatever their spacing.
            Attributes = attributes is { } m && m.TryGetProperty("metadata", out var meta) ? JsonSerializer.Serialize(meta) : null,
            HasSecondaryPassword = attributes is { } s && s.TryGetProperty("additional_password", out var extra) && extra.GetString() is { Length: > 0 },
        };
    }

    // MySQL 5.6 and MariaDB before 10.4 keep native hashes in Password (plugin '' or mysql_native_password).
    private static ImmutableList<AccountCredential> Credentials(Row row)
    {
        var plugin = row.Text("plugin");
        var auth = Convert.FromHexString(row.Text("fm_auth_hex"));
        var legacy = row.Text("Password");
        if (auth.Length == 0 && legacy.Length > 0 && plugin is "" or AccountCredential.NativePassword)
        {
            var legacyPlugin = legacy.Length == OldPasswordHashLength ? "mysql_old_password" : AccountCredential.NativePassword;
            return [AccountCredential.FromText(legacyPlugin, legacy)];
        }

        if (plugin.Length == 0 && auth.Length == 0)
        {
            return [];
        }

        return [new AccountCredential(plugin.Length == 0 ? AccountCredential.NativePassword : plugin, auth)];
    }

    internal static TlsRequirement Tls(string sslType, string cipher, string issuer, string subject) => sslType.ToUpperInvariant() switch
    {
        "ANY" => new TlsRequirement(TlsKind.Ssl),
        "X509" => new TlsRequirement(TlsKind.X509),
        "SPECIFIED" => new TlsRequirement(TlsKind.Specified, cipher, issuer, subject),
        _ => TlsRequirement.None,
    };

    private readonly struct Row(IReadOnlyDictionary<string, object?> columns)
    {
        public bool Has(string column) => columns.ContainsKey(column);

        public bool IsNull(string column) => columns[column] is null;

        public string Text(string column) => columns.GetValueOrDefault(column) switch
        {
            null => "",
            byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
            var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
        };

        public bool Flag(string column) => Text(column).Equals("Y", StringComparison.OrdinalIgnoreCase);

        public long Long(string column) => long.TryParse(Text(column), CultureInfo.InvariantCulture, out var v) ? v : 0;

        public double Double(string column) => double.TryParse(Text(column), CultureInfo.InvariantCulture, out var v) ? v : 0;

        public int? NullableInt(string column) => int.TryParse(Text(column), CultureInfo.InvariantCulture, out var v) ? v : null;

        public JsonElement? Json(string column) =>
            Text(column) is { Length: > 0 } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
    }
}
