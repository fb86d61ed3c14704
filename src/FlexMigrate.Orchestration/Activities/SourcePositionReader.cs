using FlexMigrate.Core.Binlog;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>The source's binlog end as a durable payload (P0, the copy's end, the final position at cutover).</summary>
internal static class SourcePositionReader
{
    public static async Task<ReplicationPosition> ReadAsync(string sourceConnectionString)
    {
        var client = new BinlogClient(sourceConnectionString);
        // GTID state first: a transaction committing in between makes the GTID older than the position, never newer,
        // and the position is what replay starts from.
        var gtids = await client.GetCurrentGtidsAsync();
        var position = await client.GetCurrentPositionAsync();
        return new ReplicationPosition(position.ToString(), gtids?.ToString());
    }
}
