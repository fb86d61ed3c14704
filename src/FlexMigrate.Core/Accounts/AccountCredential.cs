using System.Text;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// One way an account can log in: an authentication plugin and its authentication string (for password plugins the
/// password HASH, a secret: it must never reach a log, status, report or durable payload, so <see cref="ToString"/>
/// hides it). Kept as bytes because MySQL 8's caching_sha2_password and sha256_password hashes embed a binary salt
/// (https://dev.mysql.com/worklog/task/?id=12803).
/// </summary>
public sealed class AccountCredential(string plugin, byte[] authenticationString)
{
    /// <summary>MySQL's native password plugin, also MariaDB's.</summary>
    public const string NativePassword = "mysql_native_password";

    /// <summary>Plugin name in lower case, as information_schema.PLUGINS spells it.</summary>
    public string Plugin { get; } = plugin.ToLowerInvariant();

    /// <summary>The authentication string (password hash, socket user name, PAM service ...). Secret.</summary>
    public ReadOnlyMemory<byte> AuthenticationString { get; } = authenticationString;

    /// <summary>An account without any authentication string: logs in without a password.</summary>
    public bool IsEmpty => AuthenticationString.IsEmpty;

    /// <summary>Whether the string can be written as a plain SQL string literal (printable ASCII only).</summary>
    public bool IsPrintable => AuthenticationString.Span.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0;

    /// <summary>The string as text (valid when <see cref="IsPrintable"/>).</summary>
    public string Text => Encoding.Latin1.GetString(AuthenticationString.Span);

    /// <summary>Upper-case hexadecimal digits of the string, for a 0x... literal.</summary>
    public string Hex => Convert.ToHexString(AuthenticationString.Span);

    public static AccountCredential FromText(string plugin, string authenticationString) =>
        new(plugin, Encoding.Latin1.GetBytes(authenticationString));

    /// <summary>Same plugin and byte-identical string.</summary>
    public bool SameAs(AccountCredential other) =>
        other is not null && Plugin == other.Plugin && AuthenticationString.Span.SequenceEqual(other.AuthenticationString.Span);

    /// <summary>Never the hash: "mysql_native_password &lt;hash&gt;".</summary>
    public override string ToString() => IsEmpty ? $"{Plugin} (no password)" : $"{Plugin} <hash>";
}
