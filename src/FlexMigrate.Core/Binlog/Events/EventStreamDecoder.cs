using System.Buffers.Binary;
using FlexMigrate.Core.Binlog.Schema;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>What the caller must do after <see cref="EventStreamDecoder.Process"/>.</summary>
internal enum DecodeStep
{
    /// <summary>Nothing: feed the next event.</summary>
    Continue,

    /// <summary>A transaction committed: take it from <see cref="EventStreamDecoder.TakeCompleted"/>.</summary>
    Committed,

    /// <summary>A TABLE_MAP needs information_schema: load <see cref="EventStreamDecoder.PendingTable"/>, then call ResolvePending.</summary>
    NeedsSchema,

    /// <summary>A TRANSACTION_PAYLOAD: feed <see cref="EventStreamDecoder.PendingPayload"/>'s events with nested=true.</summary>
    Payload,
}

/// <summary>
/// The stateful heart of the client: turns the event stream into committed transactions. Tracks the current file and
/// position (ROTATE, real and fake), each file's FORMAT_DESCRIPTION (checksums, table id size), TABLE_MAPs, and the
/// transaction boundaries: MySQL `GTID, BEGIN, (TABLE_MAP, ROWS)*, XID|COMMIT` or `GTID, DDL`; MariaDB `GTID(162)`
/// replacing BEGIN, STANDALONE GTIDs followed by a DDL without COMMIT. Positions advance only at commit boundaries
/// (pitfall 13). Used for a network stream and for a binlog file alike.
/// </summary>
internal sealed partial class EventStreamDecoder(TableSchemaCatalog? catalog, BinlogReadOptions options)
{
    private readonly Dictionary<ulong, ResolvedTable> _tables = [];
    private readonly Dictionary<ulong, byte[]> _tableMapBytes = [];
    private List<BinlogChange> _changes = [];
    private FormatDescriptionEvent _format = FormatDescriptionEvent.Default;
    private bool _inTransaction;
    private bool _explicitBegin;
    private string? _gtid;
    private MariaDbGtid? _mariaGtid;
    private uint _timestamp;
    private string? _statement;
    private BinlogTransaction? _completed;

    /// <summary>Whether the session asked for CRC32 (@master_binlog_checksum): applies to events made up by the dump thread.</summary>
    public bool SessionChecksum { get; set; }

    public string? CurrentFile { get; private set; }

    /// <summary>End of the last event seen (log_pos).</summary>
    public ulong CurrentPosition { get; private set; }

    /// <summary>MariaDB GTID state after the last commit, when the stream started from GTIDs.</summary>
    public MariaDbGtidPosition? MariaDbGtidState { get; set; }

    public TableMapEvent? PendingTable { get; private set; }

    public byte[]? PendingPayload { get; private set; }

    public long Events { get; private set; }

    public long Heartbeats { get; private set; }

    public bool IsMariaDb => _format.IsMariaDb;

    /// <summary>Names the file being read when no ROTATE does (reading a file from disk).</summary>
    public void StartFile(string file, ulong position)
    {
        CurrentFile = file;
        CurrentPosition = position;
    }

    public BinlogTransaction TakeCompleted()
    {
        var t = _completed ?? throw new InvalidOperationException("No completed transaction.");
        _completed = null;
        return t;
    }

    /// <summary>Drops a half-read transaction (after a lost connection: it will be sent again from the resume point).</summary>
    public void AbandonTransaction()
    {
        _inTransaction = false;
        _explicitBegin = false;
        _changes = [];
        _gtid = null;
        _mariaGtid = null;
        _statement = null;
        PendingTable = null;
        PendingPayload = null;
    }

    /// <summary>Processes one whole event (header, body, checksum if the file has them).</summary>
    public DecodeStep Process(ReadOnlySpan<byte> evt, bool nested = false)
    {
        var header = EventHeader.Parse(evt);
        Events++;
        if (header.Type == EventType.FormatDescription)
        {
            // The FDE tells whether this file has checksums, including its own.
            _format = FormatDescriptionEvent.Parse(evt);
        }

        // Events the dump thread makes up (fake ROTATE, heartbeat) use the checksum the session announced; the rest
        // use their file's FORMAT_DESCRIPTION. Events nested in a TRANSACTION_PAYLOAD carry none.
        var artificial = header.Type is EventType.Heartbeat or EventType.HeartbeatV2
            || (header.Type == EventType.Rotate && (header.Timestamp == 0 || (header.Flags & EventHeader.ArtificialFlag) != 0));
        var hasChecksum = !nested && (artificial ? SessionChecksum : _format.HasChecksum);
        var body = hasChecksum
            ? ChecksumVerifier.VerifyAndStrip(evt, new BinlogPosition(CurrentFile ?? "(unknown file)", header.LogPos))[EventHeader.Size..]
            : evt[EventHeader.Size..];
        if (!nested && header.LogPos != 0 && header.Type is not (EventType.FormatDescription or EventType.Heartbeat or EventType.HeartbeatV2))
        {
            CurrentPosition = header.LogPos;
        }

        return Dispatch(header, body);
    }

    /// <summary>Finishes the TABLE_MAP that waited for <see cref="TableSchemaCatalog.LoadAsync"/>.</summary>
    public void ResolvePending()
    {
        var map = PendingTable ?? throw new InvalidOperationException("No pending TABLE_MAP.");
        PendingTable = null;
        catalog!.TryGet(map.Database, map.Table, out var columns);
        _tables[map.TableId] = TableMapResolver.Resolve(map, columns, options.PreferCatalogSchema);
    }

    private DecodeStep Dispatch(EventHeader header, ReadOnlySpan<byte> body)
    {
        switch (header.Type)
        {
            case EventType.Rotate:
                var rotate = RotateEvent.Parse(body);
                CurrentFile = rotate.NextFile;
                CurrentPosition = rotate.Position;
                return DecodeStep.Continue;
            case EventType.Query or EventType.MariaQueryCompressed:
                return OnQuery(header, QueryEvent.Parse(body, header.Type == EventType.MariaQueryCompressed));
            case EventType.Xid:
                if (body.Length < 8)
                {
                    throw new BinlogFormatException($"Malformed XID event at {CurrentFile}:{header.LogPos}: {body.Length} bytes.");
                }

                return Commit();
            case EventType.TableMap:
                return OnTableMap(body);
            case EventType.Gtid:
                Begin(header, explicitBegin: false);
                _gtid = MySqlGtidEvent.Parse(body).ToString();
                return DecodeStep.Continue;
            case EventType.AnonymousGtid:
                Begin(header, explicitBegin: false);
                return DecodeStep.Continue;
            case EventType.MariaGtid:
                var gtid = MariaDbGtidEvent.Parse(body, header.ServerId);
                Begin(header, explicitBegin: !gtid.Standalone);
                _mariaGtid = gtid.Gtid;
                _gtid = gtid.Gtid.ToString();
                return DecodeStep.Continue;
            case EventType.MariaGtidList:
                MariaDbGtidListEvent.Parse(body);
                return DecodeStep.Continue;
            case EventType.PreviousGtids:
                MySqlGtidSet.Decode(body);
                return DecodeStep.Continue;
            case EventType.MariaAnnotateRows:
                _statement = System.Text.Encoding.UTF8.GetString(body);
                return DecodeStep.Continue;
            case EventType.Heartbeat or EventType.HeartbeatV2:
                Heartbeats++;
                return DecodeStep.Continue;
            case EventType.TransactionPayload:
                PendingPayload = TransactionPayloadReader.Decompress(body);
                return DecodeStep.Payload;
            case EventType.PartialUpdateRows:
                throw new BinlogConfigurationException(
                    $"The source wrote a PARTIAL_UPDATE_ROWS event at {CurrentFile}:{header.LogPos} (JSON partial updates). Set binlog_row_value_options='' on the source so JSON columns are logged whole, then restart the migration from a new snapshot.");
            case EventType.MariaStartEncryption:
                throw new BinlogConfigurationException("The binlog stream is encrypted at event level (START_ENCRYPTION); the server should decrypt before sending. Read from a server that sends plain events.");
            case EventType.Incident:
                throw new BinlogException($"The source logged an INCIDENT event at {CurrentFile}:{header.LogPos}: changes may be missing from the binlog. Restart the migration from a new snapshot.");
            default:
                return RowsEventDecoder.IsRowsEvent(header.Type) ? OnRows(header, body) : DecodeStep.Continue;
        }
    }

    private DecodeStep OnQuery(EventHeader header, QueryEvent query)
    {
        var sql = query.Ascii.AsSpan().Trim();
        if (sql.Equals("BEGIN", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("XA START", StringComparison.OrdinalIgnoreCase))
        {
            if (!_inTransaction)
            {
                Begin(header, explicitBegin: true);
            }

            _explicitBegin = true;
            return DecodeStep.Continue;
        }

        if (sql.Equals("COMMIT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("XA COMMIT", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("XA PREPARE", StringComparison.OrdinalIgnoreCase))
        {
            return Commit();
        }

        if (sql.Equals("ROLLBACK", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("XA ROLLBACK", StringComparison.OrdinalIgnoreCase))
        {
            AbandonTransaction();
            return DecodeStep.Continue;
        }

        if (!_inTransaction)
        {
            Begin(header, explicitBegin: false);
        }

        var statement = QuerySession.Statement(query);
        catalog?.Invalidate(query.Database, statement.Text);
        _tableMapBytes.Clear();
        if (DdlWanted(query.Database, statement.Text))
        {
            _changes.Add(new DdlChange(query.Database, statement.Text)
            {
                Statement = statement,
                Session = QuerySession.State(query.Status, header.Timestamp, _format.IsMariaDb, $"{CurrentFile}:{header.LogPos}"),
            });
        }

        return _explicitBegin ? DecodeStep.Continue : Commit();
    }

    private DecodeStep OnTableMap(ReadOnlySpan<byte> body)
    {
        // Servers repeat the same TABLE_MAP in every transaction: reuse the resolved table when the bytes are identical.
        var tableId = RowsEventDecoder.ReadTableId(body, _format.TableIdSize);
        if (_tableMapBytes.TryGetValue(tableId, out var previous) && body.SequenceEqual(previous) && _tables.ContainsKey(tableId))
        {
            return DecodeStep.Continue;
        }

        var map = TableMapEvent.Parse(body, _format.TableIdSize, _format.IsMariaDb);
        _tableMapBytes[tableId] = body.ToArray();
        if (!Wanted(map.Database))
        {
            _tables[map.TableId] = new ResolvedTable(map, [], []) { Skip = true };
            return DecodeStep.Continue;
        }

        if (catalog is not null && TableMapResolver.NeedsCatalog(map, options.PreferCatalogSchema))
        {
            if (!catalog.TryGet(map.Database, map.Table, out _))
            {
                _tableMapBytes.Remove(tableId);
                PendingTable = map;
                return DecodeStep.NeedsSchema;
            }

            PendingTable = map;
            ResolvePending();
            return DecodeStep.Continue;
        }

        _tables[map.TableId] = TableMapResolver.Resolve(map, null, preferCatalog: false);
        return DecodeStep.Continue;
    }

    private DecodeStep OnRows(EventHeader header, ReadOnlySpan<byte> body)
    {
        var tableId = RowsEventDecoder.ReadTableId(body, _format.TableIdSize);
        if (!_tables.TryGetValue(tableId, out var table))
        {
            // Table id 0x00FFFFFF with STMT_END is a dummy event that only frees table maps.
            if (tableId == 0xFFFFFF && body.Length >= _format.TableIdSize + 2 && (BinaryPrimitives.ReadUInt16LittleEndian(body[_format.TableIdSize..]) & 1) != 0)
            {
                return DecodeStep.Continue;
            }

            throw new BinlogFormatException($"Rows event at {CurrentFile}:{header.LogPos} refers to table id {tableId} with no TABLE_MAP before it (the stream started mid-transaction?). Start from a transaction boundary.");
        }

        if (!_inTransaction)
        {
            Begin(header, explicitBegin: true);
        }

        if (!table.Skip)
        {
            RowsEventDecoder.Decode(header.Type, body, _format.TableIdSize, table, _statement, _changes);
        }

        return DecodeStep.Continue;
    }

    private void Begin(EventHeader header, bool explicitBegin)
    {
        _inTransaction = true;
        _explicitBegin = explicitBegin;
        _timestamp = header.Timestamp;
        _changes = [];
        _statement = null;
    }

    private DecodeStep Commit()
    {
        if (_mariaGtid is { } g && MariaDbGtidState is not null)
        {
            MariaDbGtidState = MariaDbGtidState.With(g);
        }

        _completed = new BinlogTransaction(
            new BinlogPosition(CurrentFile ?? throw new BinlogFormatException("A transaction committed before any ROTATE named the binlog file."), CurrentPosition),
            _gtid,
            DateTimeOffset.FromUnixTimeSeconds(_timestamp),
            _changes)
        {
            MariaDbGtidPosition = MariaDbGtidState,
        };
        _changes = [];
        _inTransaction = false;
        _explicitBegin = false;
        _gtid = null;
        _mariaGtid = null;
        _statement = null;
        return DecodeStep.Committed;
    }

    private bool Wanted(string database) => options.DatabaseFilter?.Invoke(database) ?? true;

    // A DDL belongs to its default database or to any database it names as `db`.`table` (often issued without USE).
    private bool DdlWanted(string database, string sql)
    {
        if (options.DatabaseFilter is null || Wanted(database) || options.KeepStatement?.Invoke(sql) == true)
        {
            return true;
        }

        foreach (System.Text.RegularExpressions.Match m in QualifiedName().Matches(sql).Concat(DatabaseName().Matches(sql)))
        {
            if (Wanted(m.Groups[1].Success ? m.Groups[1].Value.Replace("``", "`", StringComparison.Ordinal) : m.Groups[2].Value))
            {
                return true;
            }
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:`((?:[^`]|``)+)`|([\w$]+))\s*\.\s*[`\w$]")]
    private static partial System.Text.RegularExpressions.Regex QualifiedName();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:DATABASE|SCHEMA)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?:`((?:[^`]|``)+)`|([\w$]+))", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DatabaseName();
}
