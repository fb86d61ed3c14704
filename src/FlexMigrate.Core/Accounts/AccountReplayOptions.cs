namespace FlexMigrate.Core.Accounts;

/// <summary>Online replay of account statements: which accounts (--users) and which databases the migration copies.</summary>
public sealed record AccountReplayOptions(AccountSelection Selection, IReadOnlyList<string> Databases);
