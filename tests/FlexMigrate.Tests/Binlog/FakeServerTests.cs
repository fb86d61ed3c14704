using System.Text;
using FlexMigrate.Core.Binlog;
using static FlexMigrate.Tests.Binlog.EventBuilder;

namespace FlexMigrate.Tests.Binlog;

/// <summary>The client end to end against an in-process fake MySQL 8.0 server: authentication, framing, resume.</summary>
public sealed class FakeServerTests
{
    private static readonly BinlogReadOptions Options = new() { ServerId = 4711, StopAtEnd = true, ReconnectDelay = TimeSpan.FromMilliseconds(10), ReadTimeout = TimeSpan.FromSeconds(10) };

    private static async Task<List<BinlogTransaction>> ReadAllAsync(string connectionString, BinlogClient? client = null)
    {
        client ??= new BinlogClient(connectionString);
        var list = new List<BinlogTransaction>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var tx in client.ReadTransactionsAsync(BinlogStartPosition.At(new BinlogPosition(MySqlFixture.File, 4)), Options, timeout.Token))
        {
            list.Add(tx);
        }

        return list;
    }

    [Theory]
    [InlineData(FakeAuth.CachingSha2Fast)]
    [InlineData(FakeAuth.CachingSha2FullRsa)]
    [InlineData(FakeAuth.SwitchToNative)]
    public async Task Authenticates_and_streams_a_transaction(FakeAuth auth)
    {
        await using var server = new FakeBinlogServer(auth, "s3cret-ü", _ => (MySqlFixture.Stream(), false));

        var txs = await ReadAllAsync(server.ConnectionString());

        var tx = Assert.Single(txs);
        Assert.Equal(2, tx.Changes.Count);
        Assert.Equal((MySqlFixture.File, 4u, 4711u), Assert.Single(server.Dumps));
        Assert.Contains(server.Queries, q => q.StartsWith("SET @master_binlog_checksum = 'CRC32'", StringComparison.Ordinal));
        Assert.Contains(server.Queries, q => q.Contains("@master_heartbeat_period = 5000000000", StringComparison.Ordinal));
        Assert.Contains("SET @mariadb_slave_capability = 4", server.Queries);
    }

    [Theory]
    [InlineData(FakeAuth.CachingSha2Fast)]
    [InlineData(FakeAuth.CachingSha2FullRsa)]
    public async Task A_wrong_password_is_an_authentication_error(FakeAuth auth)
    {
        await using var server = new FakeBinlogServer(auth, "right", _ => (MySqlFixture.Stream(), false));

        var ex = await Assert.ThrowsAsync<BinlogAuthenticationException>(() => ReadAllAsync(server.ConnectionString("wrong")));

        Assert.Equal(1045, ex.ErrorCode);
    }

    [Fact]
    public async Task An_event_over_16_MB_arrives_split_and_is_reassembled()
    {
        var blob = new byte[17 * 1024 * 1024 + 5];
        new Random(16).NextBytes(blob);
        byte[] optional = [.. Tlv(1, [0x00]), .. Tlv(2, [63]), .. Tlv(4, Names("id", "b"))];
        byte[] row = [0x00, 7, .. U32((uint)blob.Length), .. blob];
        List<byte[]> events =
        [
            .. MySqlFixture.Preamble(),
            QueryEvent("big", "BEGIN", 300),
            TableMapEvent(9, "big", "t", [1, 252], [4], optional, 400),
            RowsV2(WriteV2, 9, 2, row, 400 + (uint)row.Length + 40),
            XidEvent(500 + (uint)row.Length),
        ];
        await using var server = new FakeBinlogServer(FakeAuth.CachingSha2Fast, "pw", _ => (events, false));

        var change = (RowChange)Assert.Single(await ReadAllAsync(server.ConnectionString())).Changes.Single();

        Assert.Equal(7L, change.After![0]);
        Assert.True(blob.AsSpan().SequenceEqual((byte[])change.After[1]!)); // span compare: xunit's collection compare boxes 17M bytes
    }

    [Fact]
    public async Task A_dropped_connection_resumes_at_the_last_committed_transaction()
    {
        var first = MySqlFixture.Transaction(firstPos: 200);
        var secondStart = BitConverter.ToUInt32(first[^1], 13);
        var second = MySqlFixture.Transaction(firstPos: secondStart);
        await using var server = new FakeBinlogServer(FakeAuth.CachingSha2Fast, "pw", connection => connection == 0
            ? ([.. MySqlFixture.Preamble(), .. first, .. second.Take(4)], true)   // drop inside the second transaction
            : ([MySqlFixture.Preamble()[0], MySqlFixture.Preamble()[1], .. second], false));
        var client = new BinlogClient(server.ConnectionString());

        var txs = await ReadAllAsync(server.ConnectionString(), client);

        Assert.Equal(2, txs.Count);
        Assert.Equal(secondStart, txs[0].EndPosition.Offset);
        Assert.Equal(1, client.Reconnects);
        Assert.Equal((MySqlFixture.File, secondStart, 4711u), server.Dumps[1]);
        Assert.Equal("héllo", Encoding.UTF8.GetString((byte[])((RowChange)txs[1].Changes[0]).After![2]!));
    }
}
