namespace FlexMigrate.Core.Binlog.Events;

/// <summary>Binlog event type codes (MySQL Log_event_type and MariaDB additions from 160).</summary>
internal static class EventType
{
    public const byte Query = 2;
    public const byte Stop = 3;
    public const byte Rotate = 4;
    public const byte FormatDescription = 15;
    public const byte Xid = 16;
    public const byte TableMap = 19;
    public const byte WriteRowsV1 = 23;
    public const byte UpdateRowsV1 = 24;
    public const byte DeleteRowsV1 = 25;
    public const byte Incident = 26;
    public const byte Heartbeat = 27;
    public const byte RowsQuery = 29;
    public const byte WriteRowsV2 = 30;
    public const byte UpdateRowsV2 = 31;
    public const byte DeleteRowsV2 = 32;
    public const byte Gtid = 33;
    public const byte AnonymousGtid = 34;
    public const byte PreviousGtids = 35;
    public const byte PartialUpdateRows = 39;
    public const byte TransactionPayload = 40;
    public const byte HeartbeatV2 = 41;
    public const byte MariaAnnotateRows = 160;
    public const byte MariaBinlogCheckpoint = 161;
    public const byte MariaGtid = 162;
    public const byte MariaGtidList = 163;
    public const byte MariaStartEncryption = 164;
    public const byte MariaQueryCompressed = 165;
    public const byte MariaWriteRowsCompressedV1 = 166;
    public const byte MariaUpdateRowsCompressedV1 = 167;
    public const byte MariaDeleteRowsCompressedV1 = 168;
    public const byte MariaWriteRowsCompressedV2 = 169;
    public const byte MariaUpdateRowsCompressedV2 = 170;
    public const byte MariaDeleteRowsCompressedV2 = 171;
}
