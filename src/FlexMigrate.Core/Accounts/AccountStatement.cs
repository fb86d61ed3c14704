namespace FlexMigrate.Core.Accounts;

/// <summary>When a statement runs relative to the others of a sync: accounts exist before grants name them, roles
/// before they are granted, role grants before default roles.</summary>
public enum AccountStep
{
    Drop,
    Create,
    Alter,
    Grant,
    Role,
    DefaultRole,
}

/// <summary>
/// One statement that creates or changes an account on the target. <see cref="Sql"/> may hold a password hash and
/// is only ever executed; <see cref="Display"/> is the same statement with the hash replaced by &lt;hash&gt;, for
/// --dry-run output and messages.
/// </summary>
public sealed record AccountStatement(AccountStep Step, string Sql, string Display)
{
    public static AccountStatement Plain(AccountStep step, string sql) => new(step, sql, sql);

    /// <summary>Never the SQL with the secret.</summary>
    public override string ToString() => Display;
}
