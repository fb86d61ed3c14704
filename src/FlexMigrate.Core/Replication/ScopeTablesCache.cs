using System.Collections.Concurrent;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The scope's table shapes (keys and foreign keys) a replication batch read from the source, kept for the next batches
/// of the same migration for <see cref="Lifetime"/>. Its owner is whoever runs a migration's batches one after another:
/// a <see cref="ReplicationApplier"/> owns one for its own batches (the CLI's `replicate` loop), and a worker process
/// that runs batches as separate activities holds one for all of them (registered once by each host and handed to
/// every <c>ApplyChangesActivity</c>), so a new process, or another owner, starts empty.
/// <para>
/// Why: a cutover's drain is a new batch right after the close-in batch (a second or less): reading 100 databases'
/// shapes again cost 0.3 s of its 0.34 s with writes stopped. Reusing them is as exact as reading at the batch's start:
/// replay reads the source's CURRENT shapes, not as-of-stream ones, and every table or database statement it applies
/// reads them again and replaces the entry (<see cref="ChangeApplier"/>), as it did within one batch. The lifetime
/// bounds what a change the stream never shows (DDL with sql_log_bin=0) can do, as a batch's length did before.
/// </para>
/// </summary>
public sealed class ScopeTablesCache(TimeProvider? time = null)
{
    // Migrations one process replicates at once, with room: past it the cache starts over instead of growing.
    private const int MaxEntries = 16;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _reads;

    /// <summary>How long a read serves later batches: longer than a close-in batch and the drain after it.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a batch read the shapes from the source instead of reusing them (diagnostics and tests).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>The shapes a batch of this migration read from this source for these databases within <see cref="Lifetime"/>, else null.</summary>
    internal IReadOnlyList<TableShapeFacts>? Get(string key) =>
        _entries.TryGetValue(key, out var entry) && _time.GetElapsedTime(entry.ReadAt) < Lifetime ? entry.Tables : null;

    /// <summary>Keeps <paramref name="tables"/>, read just now, for the next batches.</summary>
    internal void Set(string key, IReadOnlyList<TableShapeFacts> tables)
    {
        Interlocked.Increment(ref _reads);
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(key))
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(tables, _time.GetTimestamp());
    }

    /// <summary>The key of a migration's direction and scope: its id, the server replay reads (connection string, in memory only) and the databases.</summary>
    internal static string KeyOf(string migrationId, string sourceConnectionString, IReadOnlyList<string> databases) =>
        string.Join('\0', [migrationId, sourceConnectionString, .. databases]);

    private sealed record Entry(IReadOnlyList<TableShapeFacts> Tables, long ReadAt);
}
