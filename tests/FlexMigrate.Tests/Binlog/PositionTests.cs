using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Tests.Binlog;

public sealed class PositionTests
{
    [Theory]
    [InlineData("mysql-bin.000042:1234")]
    [InlineData("binlog.1000000:4")]
    [InlineData("host:name-bin.000001:18446744073709551615")]
    public void BinlogPosition_round_trips(string text)
    {
        var p = BinlogPosition.Parse(text);

        Assert.Equal(text, p.ToString());
        Assert.Equal(p, BinlogPosition.Parse(p.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("mysql-bin.000001")]
    [InlineData(":4")]
    [InlineData("mysql-bin.000001:-4")]
    [InlineData("mysql-bin.000001:x")]
    public void BinlogPosition_rejects_malformed_text(string text)
    {
        Assert.False(BinlogPosition.TryParse(text, out _));
        Assert.Throws<FormatException>(() => BinlogPosition.Parse(text));
    }

    [Fact]
    public void BinlogPositions_order_by_file_number_then_offset()
    {
        var sorted = new[] { "b.000010:4", "b.000009:900", "b.000009:4", "b.1000000:4" }.Select(BinlogPosition.Parse).Order().Select(p => p.ToString());

        Assert.Equal(["b.000009:4", "b.000009:900", "b.000010:4", "b.1000000:4"], sorted);
        Assert.True(BinlogPosition.Parse("b.000009:900") < BinlogPosition.Parse("b.000010:4"));
        Assert.True(BinlogPosition.Parse("b.000010:4") == BinlogPosition.Parse("b.000010:4"));
    }

    [Fact]
    public void MariaDB_GTID_positions_round_trip_one_per_domain()
    {
        var p = MariaDbGtidPosition.Parse("1-2-7, 0-1-100");

        Assert.Equal("0-1-100,1-2-7", p.ToString());
        Assert.Equal("0-3-101,1-2-7", p.With(new MariaDbGtid(0, 3, 101)).ToString());
        Assert.Equal(p, MariaDbGtidPosition.Parse(p.ToString()));
        Assert.Throws<FormatException>(() => MariaDbGtidPosition.Parse("0-1-1,0-2-2"));
        Assert.Throws<FormatException>(() => MariaDbGtidPosition.Parse("0-1"));
    }

    [Fact]
    public void MySQL_GTID_sets_round_trip_through_text_and_binary()
    {
        const string text = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7:9-20,4a11fa47-71ca-11e1-9e33-c80aa9429562:3";
        var set = MySqlGtidSet.Parse(text);

        Assert.Equal(text, set.ToString());
        Assert.Equal(set, MySqlGtidSet.Decode(set.Encode()));
        Assert.Equal("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-7:9-20,4a11fa47-71ca-11e1-9e33-c80aa9429562:3",
            set.Add(Guid.Parse("3e11fa47-71ca-11e1-9e33-c80aa9429562"), 6).ToString());
        Assert.Equal(0x3e, set.Encode()[8]); // UUID bytes in text order, after n_sids(8)
        Assert.Throws<FormatException>(() => MySqlGtidSet.Parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:5-1"));
        Assert.Throws<FormatException>(() => MySqlGtidSet.Parse("nope:1"));
    }

    [Fact]
    public void Start_positions_parse_GTIDs_of_either_kind()
    {
        Assert.NotNull(BinlogStartPosition.ParseGtids("0-1-5").MariaDbGtid);
        Assert.NotNull(BinlogStartPosition.ParseGtids("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5").MySqlGtids);
    }
}
