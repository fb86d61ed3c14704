namespace FlexMigrate.Core.Ledger;

/// <summary>A migration's status in the ledger. Running also covers a process that died: nothing could record that.</summary>
public enum LedgerStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Blocked,
}
