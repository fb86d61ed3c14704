namespace FlexMigrate.Core.Ledger;

/// <summary>
/// The names of ledger steps, in one place so the writer and every reader agree. Table names are written
/// db.table with backquotes kept out (a name may contain a dot, so the separator is a tab, which a MySQL
/// identifier cannot hold).
/// </summary>
public static class LedgerSteps
{
    /// <summary>The table exists on the target with its primary key (created by this migration).</summary>
    public static string TableCreated(string database, string table) => $"table\t{database}\t{table}";

    /// <summary>The table's secondary indexes are in place.</summary>
    public static string IndexesAdded(string database, string table) => $"indexes\t{database}\t{table}";

    /// <summary>Online: the table's deferred UNIQUE indexes are in place.</summary>
    public static string UniqueIndexesAdded(string database, string table) => $"unique-indexes\t{database}\t{table}";

    /// <summary>A metadata kind done for the whole migration: "routines", "views", "triggers", "events", "foreign-keys".</summary>
    public static string Metadata(string kind) => $"metadata\t{kind}";

    /// <summary>Online: the source position P0 recorded before the copy (value: the position as JSON).</summary>
    public const string StartPosition = "position\tp0";

    /// <summary>Online: the source position at the copy's end (value: the position as JSON).</summary>
    public const string CopyEndPosition = "position\tcopy-end";

    /// <summary>
    /// Online with reverse replication: the forward cutover completed and the target replicates back to the old source
    /// from the value's position (value: the reverse start as JSON). A resumed run goes straight back to replicating back.
    /// </summary>
    public const string ReverseStart = "position\treverse-start";

    /// <summary>
    /// A rollback made the old source writable again: a resumed run ends the migration rolled back. Value: the old
    /// source's binlog end at "source ready", before application writes could reach it (JSON), from where
    /// <c>flexmigrate resume</c> replicates forward again without a copy.
    /// </summary>
    public const string RolledBack = "rolled-back";

    /// <summary>
    /// Online: after a rollback the migration goes forward again without a copy, replicating the old source to the target
    /// from the value's position (value: the forward-again start as JSON); replaces <see cref="ReverseStart"/> and
    /// <see cref="RolledBack"/> of the round before.
    /// </summary>
    public const string ForwardAgain = "position\tforward-again";

    /// <summary>
    /// The target was checked for objects in the migration's scope (refused, or dropped with --drop-existing) before
    /// anything was created: from then on, what the scope holds on the target is this migration's own, so a resumed
    /// run neither refuses nor drops it.
    /// </summary>
    public const string TargetChecked = "target-checked";

    /// <summary>The precheck passed (or was skipped by the user); value: the outcome.</summary>
    public const string Precheck = "precheck";
}
