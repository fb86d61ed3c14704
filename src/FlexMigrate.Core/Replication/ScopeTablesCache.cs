using System.Collections.Concurrent;
using System.Diagnostics;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The scope's table shapes (keys and foreign keys) a batch read from the source, kept for the next batches of the same
/// migration for <see cref="Lifetime"/>. A cutover's drain is a new batch right after the close-in batch (a second or
/// less): reading 100 databases' shapes again cost 0.3 s of its 0.34 s with writes stopped. Reusing them is as exact as
/// reading at the batch's start: replay reads the source's CURRENT shapes, not as-of-stream ones, and every table or
/// database statement it applies reads them again and replaces the entry (<see cref="ChangeApplier"/>), as it did within
/// one batch. The lifetime bounds what a change the stream never shows (DDL with sql_log_bin=0) can do, as a batch's
/// length did before. In memory only: a new process starts empty.
/// </summary>
internal static class ScopeTablesCache
{
    // Migrations one process replicates at once, with room: past it the cache starts over instead of growing.
    private const int MaxEntries = 16;

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    /// <summary>How long a read serves later batches: longer than a close-in batch and the drain after it.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The shapes a batch of this migration read from this source for these databases within <see cref="Lifetime"/>, else null.</summary>
    public static IReadOnlyList<TableShapeFacts>? Get(string key) =>
        Entries.TryGetValue(key, out var entry) && Stopwatch.GetElapsedTime(entry.ReadAt) < Lifetime ? entry.Tables : null;

    /// <summary>Keeps <paramref name="tables"/>, read just now, for the next batches.</summary>
    public static void Set(string key, IReadOnlyList<TableShapeFacts> tables)
    {
        if (Entries.Count >= MaxEntries && !Entries.ContainsKey(key))
        {
            Entries.Clear();
        }

        Entries[key] = new Entry(tables, Stopwatch.GetTimestamp());
    }

    /// <summary>The key of a migration's direction and scope: its id, the server replay reads (connection string, in memory only) and the databases.</summary>
    public static string KeyOf(string migrationId, string sourceConnectionString, IReadOnlyList<string> databases) =>
        string.Join('\0', [migrationId, sourceConnectionString, .. databases]);

    private sealed record Entry(IReadOnlyList<TableShapeFacts> Tables, long ReadAt);
}
