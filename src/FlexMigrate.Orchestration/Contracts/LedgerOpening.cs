namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of <see cref="Ledger.OpenLedgerActivity"/>.</summary>
/// <param name="MigrationId">The migration (the ledger's key): the first run's instance id.</param>
/// <param name="RunKey">This run's key: the durable instance running it.</param>
/// <param name="Request">The migration's request (connection names and options; nothing secret).</param>
public sealed record LedgerOpening(string MigrationId, string RunKey, MigrationRequest Request);
