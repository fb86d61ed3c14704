using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Where replay stands: every source transaction ending at or before <see cref="Position"/> is applied and committed
/// on the target. <see cref="Gtid"/> is informational (MariaDB GTID position / MySQL GTID of the last applied
/// transaction) when the stream carried one; resuming always uses the file position.
/// </summary>
public sealed record ReplicationCheckpoint(BinlogPosition Position, string? Gtid);
