namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// What FlexMigrate may do to the Azure servers of one migration through Resource Manager. Persisted in durable
/// history: resource ids only, never a credential (the host's managed identity signs the calls).
/// </summary>
/// <param name="SourceResourceId">ARM id of the source (Single Server <c>Microsoft.DBforMySQL/servers</c> or a Flexible Server);
/// null skips source discovery.</param>
/// <param name="TargetResourceId">ARM id of the target Flexible Server; null skips target discovery and tuning.</param>
/// <param name="TuneTarget">Set the target's dynamic server parameters for the load (<see cref="Azure.AzureTuning.LoadParameters"/>)
/// and restore them afterwards.</param>
/// <param name="ScaleTargetSku">Scale the target to this SKU during the load ("Standard_D8ds_v4" or
/// "Standard_D8ds_v4 (GeneralPurpose)") and back afterwards; null keeps the SKU.</param>
/// <param name="StopSourceAfterCutover">Stop the source server after a successful online cutover.</param>
public sealed record AzureMigrationOptions(
    string? SourceResourceId = null,
    string? TargetResourceId = null,
    bool TuneTarget = false,
    string? ScaleTargetSku = null,
    bool StopSourceAfterCutover = false);
