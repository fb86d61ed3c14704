using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// Copy speed used to estimate the duration: the estimate is the larger of rows / <see cref="RowsPerSecond"/> and
/// bytes / <see cref="BytesPerSecond"/>, so narrow tables are bounded by rows and BLOB-heavy ones by bytes.
/// </summary>
/// <param name="RowsPerSecond">Rows copied per second.</param>
/// <param name="BytesPerSecond">Bytes (data + index size on the source) copied per second.</param>
public sealed record CopyRate(
    [property: JsonPropertyName("rowsPerSecond")] double RowsPerSecond,
    [property: JsonPropertyName("bytesPerSecond")] double BytesPerSecond)
{
    /// <summary>
    /// 150,000 rows/s and 50 MiB/s: about half of what keyset pages + bulk load reached with both servers on one
    /// 2-core machine (~300k narrow rows/s, stack-facts), since a real copy crosses a network to Azure.
    /// </summary>
    public static CopyRate Default { get; } = new(150_000, 50 * 1024 * 1024);

    /// <summary>Seconds to copy <paramref name="rows"/> rows of <paramref name="bytes"/> bytes.</summary>
    public double EstimateSeconds(long rows, long bytes) =>
        Math.Max(rows / Math.Max(RowsPerSecond, 1), bytes / Math.Max(BytesPerSecond, 1));
}
