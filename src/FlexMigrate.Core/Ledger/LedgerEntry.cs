namespace FlexMigrate.Core.Ledger;

/// <summary>One migration as the ledger on its target recorded it.</summary>
/// <param name="MigrationId">The migration id (the first run's durable instance id).</param>
/// <param name="Mode">"offline" or "online".</param>
/// <param name="Identity">Servers, scope and result-shaping options.</param>
/// <param name="RequestJson">The host's full request as JSON (connection names, never connection strings).</param>
/// <param name="Phase">The last phase reached.</param>
/// <param name="Status">Running (or stopped without a word), or how it ended.</param>
/// <param name="CreatedUtc">When the first run started.</param>
/// <param name="UpdatedUtc">The last write.</param>
public sealed record LedgerEntry(
    string MigrationId,
    string Mode,
    MigrationIdentity Identity,
    string RequestJson,
    string Phase,
    LedgerStatus Status,
    DateTime CreatedUtc,
    DateTime UpdatedUtc)
{
    /// <summary>Not finished: resumable (a failed or cancelled run can be resumed too, once the cause is fixed).</summary>
    public bool IsUnfinished => Status is not LedgerStatus.Succeeded;
}
