namespace FlexMigrate.Core.Copy;

/// <summary>
/// Bounds the memory that wide rows (tens of MB each, up to the 64 MiB rows the tool supports by default) take in one
/// process, whatever the number of copy slots and the table's size (issue 20).
/// <para>
/// The server sends a row of more than 2^24-1 bytes as several packets (MySQL protocol, "Sending more than 16Mb"),
/// and MySqlConnector joins them into one array of the row's size, growing it while the packets arrive: reading one
/// 64 MiB row allocated ~190 MiB of large-object arrays. Those are garbage once the next row is read, but a large
/// object heap collection waited for a budget that grew with them: the CLI's RSS grew ~110 MiB per 64 MiB row
/// (1.8 GiB for 16), and four readers in one process held 1.2 GiB (docs/benchmarks.md, "Memory by table size").
/// Two things bound it: chunks of a table whose average row is wide are read one at a time per process (the
/// planner gives such tables few rows a chunk, see <see cref="Chunking.ChunkPlanner.RowsFor"/>, so other tables'
/// chunks keep the other slots), and every <see cref="CollectEveryBytes"/> of multi-packet rows read the process
/// collects that garbage at once instead of letting it pile up.
/// </para>
/// </summary>
internal static class WideRows
{
    /// <summary>The largest payload one protocol packet carries; a row above it arrives in several.</summary>
    public const long MultiPacketBytes = 0xFFFFFF;

    /// <summary>Tables whose average row is at least this are read one chunk at a time per process.</summary>
    public const long WideTableRowBytes = 4L * 1024 * 1024;

    private const long CollectEveryBytes = 64L * 1024 * 1024;
    private static readonly SemaphoreSlim Reading = new(1, 1);
    private static long s_sinceCollection;

    /// <summary>True when the table's average row (<see cref="CopyTableSpec.AverageRowBytes"/>) is wide.</summary>
    public static bool IsWide(CopyTableSpec spec) => spec.AverageRowBytes >= WideTableRowBytes;

    /// <summary>
    /// Waits until this process reads no other wide table's chunk when <paramref name="spec"/> is wide; the result,
    /// disposed when the chunk is done, lets the next one in. Narrow tables pass at once.
    /// </summary>
    public static async Task<IDisposable?> EnterAsync(CopyTableSpec spec, CancellationToken cancellationToken)
    {
        if (!IsWide(spec))
            return null;
        await Reading.WaitAsync(cancellationToken);
        return new Release();
    }

    /// <summary>Counts a row just read; collects the arrays multi-packet rows left once enough of them were read.</summary>
    public static void Read(long rowBytes)
    {
        if (rowBytes < MultiPacketBytes || Interlocked.Add(ref s_sinceCollection, rowBytes) < CollectEveryBytes)
            return;
        Interlocked.Exchange(ref s_sinceCollection, 0);
        // Not compacting: the large object heap is swept and its free regions are given back, which is the point.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
    }

    private sealed class Release : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                Reading.Release();
        }
    }
}
