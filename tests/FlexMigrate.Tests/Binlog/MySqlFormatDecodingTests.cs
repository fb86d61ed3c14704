using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Binlog.Events;
using ZstdSharp;
using static FlexMigrate.Tests.Binlog.EventBuilder;

namespace FlexMigrate.Tests.Binlog;

/// <summary>MySQL-only formats (ROWS v2, GTID 33, optional metadata, binary JSON, TRANSACTION_PAYLOAD) from byte fixtures.</summary>
public sealed class MySqlFormatDecodingTests
{
    internal static List<BinlogTransaction> Decode(IEnumerable<byte[]> events, bool sessionChecksum = true)
    {
        var decoder = new EventStreamDecoder(null, new BinlogReadOptions()) { SessionChecksum = sessionChecksum };
        var result = new List<BinlogTransaction>();
        foreach (var e in events)
        {
            var step = decoder.Process(e);
            if (step == DecodeStep.Payload)
            {
                var payload = decoder.PendingPayload!;
                foreach (var (offset, size) in TransactionPayloadReader.SplitEvents(payload))
                {
                    if (decoder.Process(payload.AsSpan(offset, size), nested: true) == DecodeStep.Committed)
                    {
                        result.Add(decoder.TakeCompleted());
                    }
                }
            }
            else if (step == DecodeStep.Committed)
            {
                result.Add(decoder.TakeCompleted());
            }
        }

        return result;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_MySQL_8_transaction_decodes_with_gtid_positions_and_exact_values(bool checksum)
    {
        var tx = Assert.Single(Decode(MySqlFixture.Stream(checksum), checksum));

        Assert.Equal($"{MySqlFixture.Sid}:42", tx.Gtid);
        Assert.Equal(new BinlogPosition(MySqlFixture.File, 200 + 79 + 70 + 100 + 80 + 150 + 31), tx.EndPosition);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), tx.Timestamp);
        var rows = tx.Changes.Cast<RowChange>().ToList();
        Assert.Equal([RowOperation.Insert, RowOperation.Update], rows.Select(r => r.Operation));
        var insert = rows[0];
        Assert.Equal(["id", "price", "name", "doc", "created", "flag"], insert.Columns.Select(c => c.Name));
        Assert.Equal([0], insert.PrimaryKey);
        Assert.Equal(255, insert.Columns[2].CollationId);
        Assert.Equal<object?[]>([ulong.MaxValue, "1234.56", "héllo"u8.ToArray(), """{"a": 1}""", "2024-05-06 07:08:09.123", -1L], insert.After!);
        Assert.Null(rows[1].After![2]);
        Assert.Equal("héllo"u8.ToArray(), rows[1].Before![2]);
    }

    [Fact]
    public void Without_column_names_the_columns_are_positional()
    {
        var events = MySqlFixture.Preamble().Concat(MySqlFixture.Transaction(optional: MySqlFixture.OptionalMetadata(names: false)));

        var row = (RowChange)Assert.Single(Decode(events)).Changes[0];

        Assert.Equal(["@1", "@2", "@3", "@4", "@5", "@6"], row.Columns.Select(c => c.Name));
        Assert.Equal(ulong.MaxValue, row.After![0]);
    }

    [Fact]
    public void A_zstd_transaction_payload_yields_its_nested_transaction()
    {
        var nested = MySqlFixture.Transaction(checksum: false).SelectMany(e => e).ToArray();
        using var compressor = new Compressor();
        var compressed = compressor.Wrap(nested).ToArray();
        byte[] body =
        [
            1, .. LengthEncoded((ulong)LengthEncoded((ulong)compressed.Length).Length), .. LengthEncoded((ulong)compressed.Length),
            2, 1, 0,
            3, .. LengthEncoded((ulong)LengthEncoded((ulong)nested.Length).Length), .. LengthEncoded((ulong)nested.Length),
            0,
            .. compressed,
        ];

        var tx = Assert.Single(Decode([.. MySqlFixture.Preamble(), Event(Payload, body, 900)]));

        Assert.Equal(new BinlogPosition(MySqlFixture.File, 900), tx.EndPosition);
        Assert.Equal(2, tx.Changes.Count);
        Assert.Equal($"{MySqlFixture.Sid}:42", tx.Gtid);
    }

    [Fact]
    public void A_DDL_after_a_GTID_commits_by_itself_with_its_default_database()
    {
        var tx = Assert.Single(Decode([.. MySqlFixture.Preamble(), MySqlGtid(MySqlFixture.Sid, 43, 300), QueryEvent("shop", "ALTER TABLE items ADD c INT", 400)]));

        var ddl = Assert.IsType<DdlChange>(Assert.Single(tx.Changes));
        Assert.Equal("shop", ddl.Database);
        Assert.Equal("ALTER TABLE items ADD c INT", ddl.Sql);
        Assert.Equal(new BinlogPosition(MySqlFixture.File, 400), tx.EndPosition);
    }

    [Fact]
    public void Partial_JSON_updates_fail_with_the_setting_to_change()
    {
        var events = MySqlFixture.Preamble().Append(Event(PartialUpdate, new byte[20], 500));

        var ex = Assert.Throws<BinlogConfigurationException>(() => Decode(events));

        Assert.Contains("binlog_row_value_options=''", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupted_byte_fails_the_CRC_check()
    {
        var events = MySqlFixture.Stream();
        events[5][40] ^= 0x01;

        var ex = Assert.Throws<BinlogFormatException>(() => Decode(events));

        Assert.Contains("Bad CRC32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_row_images_are_refused()
    {
        var events = MySqlFixture.Stream();
        var write = events[6];
        write[19 + 6 + 2 + 2 + 3 + 1] = 0x01; // present bitmap: only id
        var fixedCrc = Event(WriteV2, write[19..^4], BitConverter.ToUInt32(write, 13));
        events[6] = fixedCrc;

        var ex = Assert.Throws<BinlogConfigurationException>(() => Decode(events));

        Assert.Contains("binlog_row_image=FULL", ex.Message, StringComparison.Ordinal);
    }
}
