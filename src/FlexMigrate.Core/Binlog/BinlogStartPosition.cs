namespace FlexMigrate.Core.Binlog;

/// <summary>Where a stream starts: a file position, a MariaDB GTID position, a MySQL GTID set, or the current end.</summary>
public sealed record BinlogStartPosition
{
    private BinlogStartPosition() { }

    public BinlogPosition? FilePosition { get; private init; }

    public MariaDbGtidPosition? MariaDbGtid { get; private init; }

    public MySqlGtidSet? MySqlGtids { get; private init; }

    /// <summary>Start after every transaction already in the log (read with SHOW MASTER STATUS at connect time).</summary>
    public bool AtCurrentEnd { get; private init; }

    public static BinlogStartPosition At(BinlogPosition position) => new() { FilePosition = position };

    /// <summary>MariaDB: start after the given GTIDs (gtid_slave_pos semantics: the listed GTIDs are already applied).</summary>
    public static BinlogStartPosition AfterGtids(MariaDbGtidPosition gtids) => new() { MariaDbGtid = gtids };

    /// <summary>MySQL: stream every transaction not in <paramref name="executed"/> (needs gtid_mode=ON).</summary>
    public static BinlogStartPosition AfterGtids(MySqlGtidSet executed) => new() { MySqlGtids = executed };

    public static BinlogStartPosition CurrentEnd { get; } = new() { AtCurrentEnd = true };

    /// <summary>Parses a GTID text as MariaDB (d-s-n) or MySQL (uuid:interval) form.</summary>
    public static BinlogStartPosition ParseGtids(string text) =>
        text.Contains(':', StringComparison.Ordinal)
            ? AfterGtids(MySqlGtidSet.Parse(text))
            : AfterGtids(MariaDbGtidPosition.Parse(text));

    public override string ToString() =>
        FilePosition?.ToString() ?? MariaDbGtid?.ToString() ?? MySqlGtids?.ToString() ?? "current end";
}
