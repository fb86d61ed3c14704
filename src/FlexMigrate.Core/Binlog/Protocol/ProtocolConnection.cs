using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace FlexMigrate.Core.Binlog.Protocol;

/// <summary>
/// One client/server protocol connection of our own: connect, TLS, authenticate, run statements given as exact bytes,
/// send the dump command and read stream packets. It serves the binlog stream and the statements that must reach the
/// server byte for byte in a client character set other than UTF-8 (Sql/RawSqlSession); ordinary SQL goes through
/// MySqlConnector, which always encodes command text as UTF-8.
/// </summary>
internal sealed class ProtocolConnection : IAsyncDisposable
{
    private const byte ComQuery = 0x03;
    private const byte ComBinlogDump = 0x12;
    private const byte ComBinlogDumpGtid = 0x1E;

    private readonly PacketChannel _channel;
    private readonly BinlogConnectionSettings _settings;

    private ProtocolConnection(PacketChannel channel, BinlogConnectionSettings settings, HandshakeV10 handshake)
    {
        _channel = channel;
        _settings = settings;
        Handshake = handshake;
    }

    public HandshakeV10 Handshake { get; }

    public bool IsSecure => _channel.Stream is System.Net.Security.SslStream;

    public string Server => _settings.DisplayName;

    public PacketChannel Channel => _channel;

    public static async Task<ProtocolConnection> OpenAsync(BinlogConnectionSettings settings, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(settings.ConnectTimeout);
                await client.ConnectAsync(settings.Host, settings.Port, connectTimeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            client.Dispose();
            throw new BinlogConnectionLostException($"Cannot connect to {settings.DisplayName}: {ex.Message}. Check host, port, firewall rules and that the server runs.", ex);
        }

        var channel = new PacketChannel(new BufferedStream(client.GetStream(), 256 * 1024), settings.ConnectTimeout);
        try
        {
            var payload = await channel.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
            if (payload.Span[0] == 0xFF)
            {
                throw ErrorPacket.Parse(payload.Span).ToException(settings.DisplayName);
            }

            var handshake = HandshakeV10.Parse(payload.Span);
            var connection = new ProtocolConnection(channel, settings, handshake);
            await connection.AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            channel.ReadTimeout = readTimeout;
            return connection;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs a statement that returns OK (SET ...); a result set, if any, is read and dropped.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken) => await QueryAsync(sql, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs a text query (sent as UTF-8) and returns its rows as strings (NULL as null).</summary>
    public async Task<List<string?[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await RunAsync(Encoding.UTF8.GetBytes(sql), cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            throw error.ToException(Server);
        }

        return result.Rows.Select(row => row.Select(v => v is null ? null : Encoding.UTF8.GetString(v)).ToArray()).ToList();
    }

    /// <summary>
    /// COM_QUERY with exactly <paramref name="sql"/> as its bytes (the server reads them in the session's
    /// character_set_client), then every result it returns. A server error is returned, not thrown: callers decide
    /// what it means. See https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response.html
    /// </summary>
    public async Task<StatementResult> RunAsync(ReadOnlyMemory<byte> sql, CancellationToken cancellationToken)
    {
        await SendCommandAsync(ComQuery, sql, cancellationToken).ConfigureAwait(false);
        List<byte[]?[]>? rows = null;
        ulong affected = 0;
        var warnings = 0;
        while (true)
        {
            var first = await _channel.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
            OkPacket end;
            switch (first.Span[0])
            {
                case 0x00:
                    end = OkPacket.Parse(first.Span);
                    affected += end.AffectedRows;
                    break;
                case 0xFF:
                    return new StatementResult(rows ?? [], affected, warnings, ErrorPacket.Parse(first.Span));
                case 0xFB:
                    throw new BinlogFormatException($"{Server} asked for a LOCAL INFILE, which this connection never sends.");
                default:
                    var set = await ReadResultSetAsync(first, cancellationToken).ConfigureAwait(false);
                    if (set.Error is { } error)
                    {
                        return new StatementResult(rows ?? [], affected, warnings, error);
                    }

                    rows ??= set.Rows;
                    end = set.End;
                    break;
            }

            warnings += end.Warnings;
            if (!end.MoreResults)
            {
                return new StatementResult(rows ?? [], affected, warnings, null);
            }
        }
    }

    /// <summary>COM_BINLOG_DUMP: `pos(4) flags(2) server_id(4) filename`. See https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_binlog_dump.html</summary>
    public Task SendBinlogDumpAsync(string file, uint position, ushort flags, uint serverId, CancellationToken cancellationToken)
    {
        var name = Encoding.UTF8.GetBytes(file);
        var body = new byte[10 + name.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(body, position);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(4), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(6), serverId);
        name.CopyTo(body, 10);
        return SendCommandAsync(ComBinlogDump, body, cancellationToken);
    }

    /// <summary>
    /// COM_BINLOG_DUMP_GTID (MySQL): `flags(2) server_id(4) name_len(4) name pos(8) data_len(4) data`.
    /// See https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_binlog_dump_gtid.html
    /// </summary>
    public Task SendBinlogDumpGtidAsync(MySqlGtidSet gtids, ushort flags, uint serverId, CancellationToken cancellationToken)
    {
        var data = gtids.Encode();
        var body = new byte[2 + 4 + 4 + 8 + 4 + data.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(body, flags);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(2), serverId);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(6), 0);
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(10), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(18), (uint)data.Length);
        data.CopyTo(body, 22);
        return SendCommandAsync(ComBinlogDumpGtid, body, cancellationToken);
    }

    public ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken) => _channel.ReadPacketAsync(cancellationToken);

    public ValueTask DisposeAsync() => _channel.DisposeAsync();

    private async Task SendCommandAsync(byte command, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        _channel.ResetSequence();
        var packet = new byte[body.Length + 1];
        packet[0] = command;
        body.CopyTo(packet.AsMemory(1));
        await _channel.WritePacketAsync(packet, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Column count (in <paramref name="header"/>), column definitions, EOF, rows, EOF (CLIENT_DEPRECATE_EOF is not asked for).</summary>
    private async Task<(List<byte[]?[]> Rows, OkPacket End, ErrorPacket? Error)> ReadResultSetAsync(ReadOnlyMemory<byte> header, CancellationToken cancellationToken)
    {
        var columns = (int)new ByteReader(header.Span, "result set header").ReadLengthEncoded();
        for (var i = 0; i < columns; i++)
        {
            await _channel.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
        }

        await _channel.ReadPacketAsync(cancellationToken).ConfigureAwait(false); // EOF after column definitions
        var rows = new List<byte[]?[]>();
        while (true)
        {
            var packet = await _channel.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
            var span = packet.Span;
            if (span[0] == 0xFE && span.Length < 9)
            {
                return (rows, OkPacket.FromEof(span), null);
            }

            if (span[0] == 0xFF)
            {
                return (rows, default, ErrorPacket.Parse(span));
            }

            rows.Add(ParseTextRow(span, columns));
        }
    }

    private async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        var caps = CapabilityFlags.Client & (Handshake.Capabilities | CapabilityFlags.LongPassword);
        var serverTls = (Handshake.Capabilities & CapabilityFlags.Ssl) != 0;
        var wantTls = _settings.TlsMode != BinlogTlsMode.None;
        if (wantTls && !serverTls && _settings.TlsMode != BinlogTlsMode.Preferred)
        {
            throw new BinlogException($"{Server} does not offer TLS but SslMode={_settings.TlsMode} requires it. Enable TLS on the server or lower SslMode.");
        }

        if (wantTls && serverTls)
        {
            caps |= CapabilityFlags.Ssl;
            await _channel.WritePacketAsync(HandshakeResponsePrefix(caps), cancellationToken).ConfigureAwait(false);
            _channel.ReplaceStream(await TlsUpgrader.UpgradeAsync(_channel.Stream, _settings, cancellationToken).ConfigureAwait(false));
        }

        var plugin = AuthScrambler.IsSupported(Handshake.AuthPlugin) ? Handshake.AuthPlugin : AuthScrambler.NativePassword;
        var auth = AuthScrambler.Respond(plugin, _settings.Password, Handshake.Scramble, IsSecure);
        await _channel.WritePacketAsync(HandshakeResponse(caps, auth, plugin), cancellationToken).ConfigureAwait(false);
        await CompleteAuthenticationAsync(plugin, Handshake.Scramble, cancellationToken).ConfigureAwait(false);
    }

    private async Task CompleteAuthenticationAsync(string plugin, byte[] scramble, CancellationToken cancellationToken)
    {
        var switched = false;
        while (true)
        {
            var packet = (await _channel.ReadPacketAsync(cancellationToken).ConfigureAwait(false)).ToArray();
            switch (packet[0])
            {
                case 0x00:
                    return;
                case 0xFF:
                    throw ErrorPacket.Parse(packet).ToException(Server);
                case 0xFE when !switched:
                    (plugin, scramble) = ParseAuthSwitch(packet);
                    switched = true;
                    await _channel.WritePacketAsync(AuthScrambler.Respond(plugin, _settings.Password, scramble, IsSecure), cancellationToken).ConfigureAwait(false);
                    break;
                case 0x01 when plugin == AuthScrambler.CachingSha2 && packet.Length == 2 && packet[1] == 0x03:
                    break; // fast auth succeeded; OK follows
                case 0x01 when plugin == AuthScrambler.CachingSha2 && packet.Length == 2 && packet[1] == 0x04:
                    await SendFullSha2AuthAsync(scramble, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new BinlogFormatException($"Unexpected authentication packet 0x{packet[0]:X2} (length {packet.Length}) from {Server} for plugin {plugin}.");
            }
        }
    }

    /// <summary>caching_sha2 full authentication: clear password over TLS, else RSA with the server's public key.</summary>
    private async Task SendFullSha2AuthAsync(byte[] scramble, CancellationToken cancellationToken)
    {
        if (IsSecure)
        {
            await _channel.WritePacketAsync((byte[])[.. Encoding.UTF8.GetBytes(_settings.Password), 0], cancellationToken).ConfigureAwait(false);
            return;
        }

        await _channel.WritePacketAsync((byte[])[0x02], cancellationToken).ConfigureAwait(false);
        var keyPacket = await _channel.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
        if (keyPacket.Span[0] == 0xFF)
        {
            throw ErrorPacket.Parse(keyPacket.Span).ToException(Server);
        }

        if (keyPacket.Span[0] != 0x01)
        {
            throw new BinlogFormatException($"Expected the RSA public key from {Server}, got packet 0x{keyPacket.Span[0]:X2}.");
        }

        var pem = Encoding.ASCII.GetString(keyPacket.Span[1..]);
        await _channel.WritePacketAsync(AuthScrambler.RsaEncryptPassword(_settings.Password, scramble, pem), cancellationToken).ConfigureAwait(false);
    }

    private (string Plugin, byte[] Scramble) ParseAuthSwitch(byte[] packet)
    {
        var r = new ByteReader(packet, "auth switch request");
        r.Skip(1);
        var plugin = r.ReadNullTerminatedString();
        var data = r.ReadToEnd();
        if (data.Length > 0 && data[^1] == 0)
        {
            data = data[..^1];
        }

        if (!AuthScrambler.IsSupported(plugin))
        {
            throw new BinlogException($"{Server} asks for authentication plugin '{plugin}', which is not supported; use mysql_native_password or caching_sha2_password for the migration user.");
        }

        if (data.Length < 20 && plugin != AuthScrambler.ClearPassword)
        {
            throw r.Error($"scramble of {data.Length} bytes, 20 expected");
        }

        return (plugin, data.ToArray());
    }

    private static byte[] HandshakeResponsePrefix(uint caps)
    {
        var prefix = new byte[32];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, caps);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(4), 1024 * 1024 * 1024);
        prefix[8] = 45; // utf8mb4_general_ci: known to MySQL 5.6+ and MariaDB
        return prefix;
    }

    private byte[] HandshakeResponse(uint caps, byte[] auth, string plugin)
    {
        using var ms = new MemoryStream();
        ms.Write(HandshakeResponsePrefix(caps));
        ms.Write(Encoding.UTF8.GetBytes(_settings.User));
        ms.WriteByte(0);
        ms.WriteByte((byte)auth.Length); // lenenc: the proofs are at most 250 bytes
        ms.Write(auth);
        ms.Write(Encoding.ASCII.GetBytes(plugin));
        ms.WriteByte(0);
        return ms.ToArray();
    }

    private static byte[]?[] ParseTextRow(ReadOnlySpan<byte> span, int columns)
    {
        var r = new ByteReader(span, "text result row");
        var row = new byte[]?[columns];
        for (var i = 0; i < columns; i++)
        {
            if (r.Remaining > 0 && r.Rest[0] == 0xFB)
            {
                r.Skip(1);
                continue;
            }

            row[i] = r.ReadLengthEncodedBytes().ToArray();
        }

        return row;
    }
}
