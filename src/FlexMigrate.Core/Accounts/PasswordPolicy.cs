namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Password expiry and reuse rules of an account. Null means "the server's default" (the DEFAULT keyword).
/// MySQL 8 adds history, reuse interval, current-password verification and failed-login locking
/// (https://dev.mysql.com/doc/refman/8.0/en/password-management.html); MariaDB 10.4+ and MySQL 5.7 have expiry only.
/// </summary>
/// <param name="Expired">The password is expired now (the next login may only change it).</param>
/// <param name="LifetimeDays">PASSWORD EXPIRE INTERVAL n DAY; 0 = NEVER; null = DEFAULT.</param>
/// <param name="History">PASSWORD HISTORY n (MySQL 8); null = DEFAULT.</param>
/// <param name="ReuseIntervalDays">PASSWORD REUSE INTERVAL n DAY (MySQL 8); null = DEFAULT.</param>
/// <param name="RequireCurrent">PASSWORD REQUIRE CURRENT (true) / OPTIONAL (false) (MySQL 8); null = DEFAULT.</param>
/// <param name="FailedLoginAttempts">FAILED_LOGIN_ATTEMPTS n (MySQL 8.0.19); 0 = off.</param>
/// <param name="PasswordLockDays">PASSWORD_LOCK_TIME n (MySQL 8.0.19); -1 = UNBOUNDED, 0 = off.</param>
public sealed record PasswordPolicy(
    bool Expired = false,
    int? LifetimeDays = null,
    int? History = null,
    int? ReuseIntervalDays = null,
    bool? RequireCurrent = null,
    int FailedLoginAttempts = 0,
    int PasswordLockDays = 0)
{
    public static PasswordPolicy Default { get; } = new();

    /// <summary>Uses a MySQL 8-only option (history, reuse, current-password, failed-login locking).</summary>
    public bool UsesMySql8Options =>
        History is not null || ReuseIntervalDays is not null || RequireCurrent is not null || FailedLoginAttempts != 0 || PasswordLockDays != 0;
}
