using System.Globalization;
using System.Text;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Account statements in MySQL 5.7/8.0 syntax (https://dev.mysql.com/doc/refman/8.0/en/create-user.html):
/// IDENTIFIED WITH 'plugin' AS 'hash', or AS 0x... for a hash with unprintable bytes (MySQL 8.0.17+, WL#12803);
/// roles are 'name'@'host' (8.0); SET DEFAULT ROLE ... TO; password history, reuse, current-password and
/// failed-login options and COMMENT/ATTRIBUTE metadata on 8.0.
/// </summary>
public sealed class MySqlAccountSql(ServerVersion version) : AccountSql(version)
{
    public override string Name(AccountName name, bool isRole) => name.Sql;

    public override AccountStatement DefaultRoles(Account account) =>
        AccountStatement.Plain(AccountStep.DefaultRole,
            $"SET DEFAULT ROLE {(account.DefaultRoles.IsEmpty ? "NONE" : string.Join(", ", account.DefaultRoles.Select(r => r.Sql)))} TO {account.Name.Sql}");

    protected override string Identified(IReadOnlyList<AccountCredential> credentials, bool reveal)
    {
        if (credentials.Count == 0)
        {
            return " IDENTIFIED BY ''";
        }

        var credential = credentials[0];
        return credential.IsEmpty
            ? $" IDENTIFIED WITH {SqlText.Literal(credential.Plugin, noBackslashEscapes: true)}"
            : $" IDENTIFIED WITH {SqlText.Literal(credential.Plugin, noBackslashEscapes: true)} AS {Secret(credential, reveal)}";
    }

    protected override void PasswordAndLock(StringBuilder sql, Account desired, Account? actual)
    {
        var d = desired.Password;
        var a = actual?.Password;
        if (a is null ? d.LifetimeDays is not null : d.LifetimeDays != a.LifetimeDays)
        {
            sql.Append(MariaDbAccountSql.Lifetime(d.LifetimeDays));
        }

        if (Version.AtLeast(8, 0))
        {
            if (a is null ? d.History is not null : d.History != a.History)
            {
                sql.Append(" PASSWORD HISTORY ").Append(d.History is { } h ? h.ToString(CultureInfo.InvariantCulture) : "DEFAULT");
            }

            if (a is null ? d.ReuseIntervalDays is not null : d.ReuseIntervalDays != a.ReuseIntervalDays)
            {
                sql.Append(" PASSWORD REUSE INTERVAL ").Append(d.ReuseIntervalDays is { } r ? $"{r.ToString(CultureInfo.InvariantCulture)} DAY" : "DEFAULT");
            }

            if (a is null ? d.RequireCurrent is not null : d.RequireCurrent != a.RequireCurrent)
            {
                sql.Append(" PASSWORD REQUIRE CURRENT").Append(d.RequireCurrent switch { true => "", false => " OPTIONAL", null => " DEFAULT" });
            }

            if (a is null ? d.FailedLoginAttempts != 0 || d.PasswordLockDays != 0
                    : d.FailedLoginAttempts != a.FailedLoginAttempts || d.PasswordLockDays != a.PasswordLockDays)
            {
                sql.Append(CultureInfo.InvariantCulture, $" FAILED_LOGIN_ATTEMPTS {d.FailedLoginAttempts} PASSWORD_LOCK_TIME ")
                    .Append(d.PasswordLockDays < 0 ? "UNBOUNDED" : d.PasswordLockDays.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (actual is null ? desired.Locked : desired.Locked != actual.Locked)
        {
            sql.Append(desired.Locked ? " ACCOUNT LOCK" : " ACCOUNT UNLOCK");
        }

        if (desired.Attributes is not null && Version.AtLeast(8, 0, 21) && desired.Attributes != actual?.Attributes)
        {
            sql.Append(" ATTRIBUTE ").Append(SqlText.Literal(desired.Attributes, noBackslashEscapes: true));
        }
    }

    // MySQL 8 caching_sha2_password/sha256_password hashes contain a binary salt: hex where the server accepts it.
    private string Secret(AccountCredential credential, bool reveal)
    {
        if (!reveal)
        {
            return "'<hash>'";
        }

        return !credential.IsPrintable && Version.AtLeast(8, 0, 17) ? "0x" + credential.Hex : SqlText.Literal(credential.Text, noBackslashEscapes: true);
    }
}
