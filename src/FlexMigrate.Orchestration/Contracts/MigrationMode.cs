namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Offline: copy once while the source is quiet. Online: copy, then replicate until cutover.</summary>
public enum MigrationMode
{
    Offline,
    Online,
}
