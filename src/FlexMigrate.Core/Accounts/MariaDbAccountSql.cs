using System.Globalization;
using System.Text;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Account statements in MariaDB syntax (https://mariadb.com/kb/en/create-user/, https://mariadb.com/kb/en/alter-user/):
/// IDENTIFIED BY PASSWORD '*hash' for native passwords, IDENTIFIED VIA plugin [USING 'string'] [OR ...] for the
/// others (several methods since 10.4), MAX_STATEMENT_TIME, PASSWORD EXPIRE [INTERVAL n DAY | NEVER | DEFAULT]
/// (10.4.3), ACCOUNT LOCK (10.4.2), host-less roles, one default role (SET DEFAULT ROLE r FOR account).
/// </summary>
public sealed class MariaDbAccountSql(ServerVersion version) : AccountSql(version)
{
    public override string Name(AccountName name, bool isRole) => isRole ? SqlText.Identifier(name.User) : name.Sql;

    public override AccountStatement DefaultRoles(Account account) =>
        AccountStatement.Plain(AccountStep.DefaultRole,
            $"SET DEFAULT ROLE {(account.DefaultRoles.IsEmpty ? "NONE" : Name(account.DefaultRoles[0], true))} FOR {Name(account.Name, false)}");

    protected override string Identified(IReadOnlyList<AccountCredential> credentials, bool reveal)
    {
        if (credentials is [{ Plugin: AccountCredential.NativePassword } native])
        {
            return native.IsEmpty ? " IDENTIFIED BY ''" : $" IDENTIFIED BY PASSWORD {Secret(native, reveal)}";
        }

        if (credentials.Count == 0)
        {
            return " IDENTIFIED BY ''";
        }

        return " IDENTIFIED VIA " + string.Join(" OR ", credentials.Select(c =>
            c.IsEmpty ? c.Plugin : $"{c.Plugin} USING {Secret(c, reveal)}"));
    }

    protected override string Limits(ResourceLimits limits, bool all)
    {
        var text = base.Limits(limits, all);
        return all || limits.MaxStatementTime != 0
            ? text + string.Create(CultureInfo.InvariantCulture, $" MAX_STATEMENT_TIME {limits.MaxStatementTime:0.######}")
            : text;
    }

    protected override void PasswordAndLock(StringBuilder sql, Account desired, Account? actual)
    {
        if (actual is null ? desired.Locked : desired.Locked != actual.Locked)
        {
            sql.Append(desired.Locked ? " ACCOUNT LOCK" : " ACCOUNT UNLOCK");
        }

        if (actual is null ? desired.Password.LifetimeDays is not null : desired.Password.LifetimeDays != actual.Password.LifetimeDays)
        {
            sql.Append(Lifetime(desired.Password.LifetimeDays));
        }
    }

    internal static string Lifetime(int? days) => days switch
    {
        null => " PASSWORD EXPIRE DEFAULT",
        0 => " PASSWORD EXPIRE NEVER",
        var n => string.Create(CultureInfo.InvariantCulture, $" PASSWORD EXPIRE INTERVAL {n} DAY"),
    };

    // MariaDB hashes are printable (*hex, base64), so a plain literal carries them exactly.
    private static string Secret(AccountCredential credential, bool reveal) => reveal ? SqlText.Literal(credential.Text, noBackslashEscapes: true) : "'<hash>'";
}
