using System.Collections.Immutable;
using System.Text.Json;
using MySqlConnector;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Reads account attributes on MariaDB 10.4+, where mysql.global_priv holds one JSON document per account and
/// mysql.user is only a view without lock, password lifetime or alternative login methods
/// (https://mariadb.com/kb/en/mysql-global_priv-table/). Keys: plugin, authentication_string, auth_or (several
/// login methods; an empty object stands for the top-level one), ssl_type (0 none, 1 ANY, 2 X509, 3 SPECIFIED),
/// ssl_cipher, x509_issuer, x509_subject, max_*, account_locked, password_last_changed (0 = expired),
/// password_lifetime (-1 or absent = default), is_role, default_role.
/// </summary>
internal static class GlobalPrivReader
{
    public static async Task<List<Account>> ReadAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT User, Host, Priv FROM mysql.global_priv", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<Account>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var json = JsonDocument.Parse(reader.GetString(2));
            accounts.Add(Read(new AccountName(reader.GetString(0), reader.GetString(1)), json.RootElement));
        }

        return accounts;
    }

    internal static Account Read(AccountName name, JsonElement priv)
    {
        var lifetime = Int(priv, "password_lifetime", -1);
        return new Account(name, Bool(priv, "is_role"))
        {
            Credentials = Credentials(priv),
            Tls = UserTableReader.Tls(
                Int(priv, "ssl_type", 0) switch { 1 => "ANY", 2 => "X509", 3 => "SPECIFIED", _ => "" },
                Text(priv, "ssl_cipher"), Text(priv, "x509_issuer"), Text(priv, "x509_subject")),
            Limits = new ResourceLimits(Int(priv, "max_questions", 0), Int(priv, "max_updates", 0), Int(priv, "max_connections", 0),
                Int(priv, "max_user_connections", 0), priv.TryGetProperty("max_statement_time", out var mst) ? mst.GetDouble() : 0),
            Password = new PasswordPolicy(
                Expired: priv.TryGetProperty("password_last_changed", out var changed) && changed.GetInt64() == 0,
                LifetimeDays: lifetime < 0 ? null : (int)lifetime),
            Locked = Bool(priv, "account_locked"),
            DefaultRoles = Text(priv, "default_role") is { Length: > 0 } role ? [new AccountName(role, "")] : [],
        };
    }

    private static ImmutableList<AccountCredential> Credentials(JsonElement priv)
    {
        var main = Credential(priv);
        if (!priv.TryGetProperty("auth_or", out var alternatives))
        {
            return main is null ? [] : [main];
        }

        var list = ImmutableList.CreateBuilder<AccountCredential>();
        foreach (var alternative in alternatives.EnumerateArray())
        {
            var credential = alternative.EnumerateObject().Any() ? Credential(alternative) : main;
            if (credential is not null)
            {
                list.Add(credential);
            }
        }

        return list.ToImmutable();
    }

    private static AccountCredential? Credential(JsonElement element)
    {
        var plugin = Text(element, "plugin");
        var auth = Text(element, "authentication_string");
        return plugin.Length == 0 && auth.Length == 0 ? null
            : AccountCredential.FromText(plugin.Length == 0 ? AccountCredential.NativePassword : plugin, auth);
    }

    private static string Text(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static long Int(JsonElement e, string key, long fallback) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : fallback;

    private static bool Bool(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetInt32() != 0));
}
