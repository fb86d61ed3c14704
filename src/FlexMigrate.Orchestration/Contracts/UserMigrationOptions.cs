namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Which users, roles and grants move with the data (the --users option, "users" of the start body). Names and
/// patterns only: the accounts themselves, with their password hashes, are read and written inside
/// <see cref="Activities.MigrateUsersActivity"/> and never enter the durable history.
/// </summary>
/// <param name="Select">"all", or accounts as "name" / "name@host" with `%` wildcards.</param>
/// <param name="Replace">Accounts already on the target are made equal to the source's instead of refused.</param>
public sealed record UserMigrationOptions(IReadOnlyList<string> Select, bool Replace = false);
