namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Where a migration's progress ledger is: its migration id on the target connection of that name.</summary>
/// <param name="MigrationId">The migration (the first run's instance id; see <see cref="MigrationRequest.MigrationId"/>).</param>
/// <param name="TargetConnection">Name of the target connection.</param>
public sealed record LedgerKey(string MigrationId, string TargetConnection);
